"""Handing one citizen's course to a colleague on another laptop, in one encrypted file.

The sender exports the whole course (the citizen, meetings, placements, activities, agreements,
the course's periods, the access log about the citizen, and rows of any other table that points
at the citizen, such as snapshot memberships) and is shown a one-time passphrase to pass on by
another channel (telephone, in person). The file is encrypted with AES-256-GCM under a key
derived from that passphrase with scrypt (``cryptography``; nothing home-made): a wrong
passphrase or a single changed byte is refused before anything is read.

File layout (docs/architecture.md, "Case handover")::

    TRAPPE-OVERDRAGELSE\\n
    {"format": 1, "kdf": {...}, "nonce": "..."}\\n      header: no personal data
    <AES-GCM ciphertext of zlib(JSON payload)>          header lines are the associated data

The receiver's side: ``read_handover`` checks the file, ``plan_import`` matches the steps by
title and category and finds an existing citizen with the same CPR or case number, and
``import_handover`` writes everything in one transaction: a new citizen, or (only when asked)
the meetings the receiver does not already have. Nothing the receiver has is overwritten; what
differs is reported. Both ends write the handover to their audit log.

Three modules, one per job: ``handover_file`` (the passphrase, the encryption and the file's
layout), ``handover_send`` (the sender) and ``handover_receive`` (the receiver). Every name is
importable from here, as callers have always done.
"""

from trappe.model.handover_file import (
    COURSE_TABLES,
    DERIVED_TABLES,
    FILE_SUFFIX,
    FORMAT,
    MAGIC,
    MAX_FILE,
    PASSPHRASE_ALPHABET,
    PASSPHRASE_GROUPS,
    SCRYPT,
    TRAVEL_SEPARATELY,
    HandoverError,
    HandoverPackage,
    course_periods_of,
    decrypt,
    encrypt,
    file_digest,
    new_passphrase,
    normalise_passphrase,
    read_handover,
    today_file_name,
)
from trappe.model.handover_receive import (
    CitizenExists,
    ImportedHistory,
    ImportPlan,
    ImportResult,
    MeetingDifference,
    StepMatch,
    find_existing_citizen,
    import_handover,
    imported_history,
    match_steps,
    plan_import,
)
from trappe.model.handover_send import (
    ExportResult,
    course_payload,
    erase_after_handover,
    export_handover,
    verify_handover_file,
)

__all__ = [
    "COURSE_TABLES",
    "DERIVED_TABLES",
    "FILE_SUFFIX",
    "FORMAT",
    "MAGIC",
    "MAX_FILE",
    "PASSPHRASE_ALPHABET",
    "PASSPHRASE_GROUPS",
    "SCRYPT",
    "TRAVEL_SEPARATELY",
    "CitizenExists",
    "ExportResult",
    "HandoverError",
    "HandoverPackage",
    "ImportPlan",
    "ImportResult",
    "ImportedHistory",
    "MeetingDifference",
    "StepMatch",
    "course_payload",
    "course_periods_of",
    "decrypt",
    "encrypt",
    "erase_after_handover",
    "export_handover",
    "file_digest",
    "find_existing_citizen",
    "import_handover",
    "imported_history",
    "match_steps",
    "new_passphrase",
    "normalise_passphrase",
    "plan_import",
    "read_handover",
    "today_file_name",
    "verify_handover_file",
]
