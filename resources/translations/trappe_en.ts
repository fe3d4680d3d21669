<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="da_DK">
<context>
    <name>AccessLog</name>
    <message>
        <source>Åbnet</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>Søgning</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Oprettet</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Ændret</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>Slettet</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>Udleveret</source>
        <translation>Handed out</translation>
    </message>
    <message>
        <source>Udskrevet</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>Vist</source>
        <translation>Viewed</translation>
    </message>
    <message>
        <source>Sikkerhedskopi</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Gendannet</source>
        <translation>Restored</translation>
    </message>
    <message>
        <source>Log udtyndet</source>
        <translation>Log thinned</translation>
    </message>
    <message>
        <source>Log kontrolleret</source>
        <translation>Log checked</translation>
    </message>
    <message>
        <source>Overdraget</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>Modtaget (overdragelse)</source>
        <translation>Received (handover)</translation>
    </message>
    <message>
        <source>Slettet efter overdragelse</source>
        <translation>Erased after handover</translation>
    </message>
    <message>
        <source>Gem adgangsloggen som CSV</source>
        <translation>Save the access log as CSV</translation>
    </message>
    <message>
        <source>CSV-filer (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Adgangslog</source>
        <translation>Access log</translation>
    </message>
    <message>
        <source>Adgangsloggen er for teamledere og databeskyttelsesrådgiveren. Vælg din rolle under Filer → Indstillinger → Bruger.</source>
        <translation>The access log is for team leaders and the data protection officer. Choose your role under File → Settings → User.</translation>
    </message>
</context>
<context>
    <name>AccessLogDialog</name>
    <message>
        <source>Adgangslog</source>
        <translation>Access log</translation>
    </message>
    <message>
        <source>Borger-id</source>
        <translation>Citizen id</translation>
    </message>
    <message>
        <source>Alle brugere</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>Alle handlinger</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>Fra-datoen</source>
        <translation>The from date</translation>
    </message>
    <message>
        <source>Til-datoen</source>
        <translation>The to date</translation>
    </message>
    <message>
        <source>&amp;Nulstil</source>
        <translation>&amp;Reset</translation>
    </message>
    <message>
        <source>&amp;Borger:</source>
        <translation>&amp;Citizen:</translation>
    </message>
    <message>
        <source>Br&amp;uger:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>&amp;Handling:</source>
        <translation>&amp;Action:</translation>
    </message>
    <message>
        <source>&amp;Fra:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;Til:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>&amp;Kontrollér kæden</source>
        <translation>&amp;Check the chain</translation>
    </message>
    <message>
        <source>Beregn loggens kæde forfra og se, om en post er ændret eller slettet</source>
        <translation>Recompute the log&apos;s chain from the start and see whether an entry was changed or deleted</translation>
    </message>
    <message>
        <source>&amp;Eksportér CSV …</source>
        <translation>&amp;Export CSV …</translation>
    </message>
    <message>
        <source>Loggen viser, hvem der har åbnet, søgt, ændret, udskrevet eller udleveret oplysninger. Din visning og dine filtre skrives også i loggen.</source>
        <translation>The log shows who opened, searched, changed, printed or handed out information. Your viewing and your filters are written to the log as well.</translation>
    </message>
    <message>
        <source>Borger-id skal være et tal.</source>
        <translation>The citizen id must be a number.</translation>
    </message>
    <message>
        <source>Til-datoen ligger før fra-datoen.</source>
        <translation>The to date is before the from date.</translation>
    </message>
    <message>
        <source>1 post</source>
        <translation>1 entry</translation>
    </message>
    <message>
        <source>%1 poster</source>
        <translation>%1 entries</translation>
    </message>
    <message>
        <source>(slettet eller ukendt)</source>
        <translation>(erased or unknown)</translation>
    </message>
    <message>
        <source>Kunne ikke gemme</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <source>%1 poster gemt i %2</source>
        <translation>%1 entries saved in %2</translation>
    </message>
    <message>
        <source>Kontrollerer loggens kæde …</source>
        <translation>Checking the log&apos;s chain …</translation>
    </message>
    <message>
        <source>Loggen er ændret</source>
        <translation>The log has been changed</translation>
    </message>
</context>
<context>
    <name>AccessLogModel</name>
    <message>
        <source>Tidspunkt</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Bruger</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Rolle</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Objekt</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Borger</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <source>Detaljer</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Navn: %1
Login: %2</source>
        <translation>Name: %1
Login: %2</translation>
    </message>
    <message>
        <source>(ikke registreret)</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <source>Post #%1, %2</source>
        <translation>Entry #%1, %2</translation>
    </message>
    <message>
        <source>#%1 (slettet)</source>
        <translation>#%1 (erased)</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Ny database…</source>
        <translation>&amp;New database…</translation>
    </message>
    <message>
        <source>Opret en ny, tom Trappe-database</source>
        <translation>Create a new, empty Trappe database</translation>
    </message>
    <message>
        <source>Å&amp;bn database…</source>
        <translation>&amp;Open database…</translation>
    </message>
    <message>
        <source>Åbn en anden Trappe-database</source>
        <translation>Open another Trappe database</translation>
    </message>
    <message>
        <source>&amp;Udskriv dialogark…</source>
        <translation>&amp;Print dialogue sheet…</translation>
    </message>
    <message>
        <source>Vis og udskriv dialogarket for den valgte borger (eller et tomt ark)</source>
        <translation>Show and print the dialogue sheet for the selected citizen (or a blank sheet)</translation>
    </message>
    <message>
        <source>Udskriv dialogark for &amp;udvalgte…</source>
        <translation>Print dialogue sheets for the &amp;list…</translation>
    </message>
    <message>
        <source>Udskriv dialogark for alle borgere i den viste liste</source>
        <translation>Print dialogue sheets for every citizen in the list shown</translation>
    </message>
    <message>
        <source>&amp;Indstillinger…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>Bruger, kommune, trappe og målgrupper</source>
        <translation>User, municipality, staircase and target groups</translation>
    </message>
    <message>
        <source>&amp;Afslut</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Luk Trappe</source>
        <translation>Close Trappe</translation>
    </message>
    <message>
        <source>&amp;Fortryd</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>Fortryd den seneste ændring</source>
        <translation>Undo the latest change</translation>
    </message>
    <message>
        <source>&amp;Gentag</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>Gentag det fortrudte</source>
        <translation>Redo what was undone</translation>
    </message>
    <message>
        <source>&amp;Søg borger</source>
        <translation>&amp;Find citizen</translation>
    </message>
    <message>
        <source>Gå til søgefeltet</source>
        <translation>Go to the search field</translation>
    </message>
    <message>
        <source>&amp;Ny borger…</source>
        <translation>&amp;New citizen…</translation>
    </message>
    <message>
        <source>Opret en ny borger</source>
        <translation>Create a new citizen</translation>
    </message>
    <message>
        <source>&amp;Redigér borger…</source>
        <translation>&amp;Edit citizen…</translation>
    </message>
    <message>
        <source>Ret oplysninger om den valgte borger</source>
        <translation>Edit the selected citizen&apos;s details</translation>
    </message>
    <message>
        <source>Registrér &amp;møde…</source>
        <translation>Record &amp;meeting…</translation>
    </message>
    <message>
        <source>Registrér en dialogsamtale med placering og aftaler</source>
        <translation>Record a dialogue meeting with placement and agreements</translation>
    </message>
    <message>
        <source>Kopiér &amp;journalnotat</source>
        <translation>Copy &amp;journal note</translation>
    </message>
    <message>
        <source>Kopiér et kort notat om det valgte møde (ellers det seneste) til journalen</source>
        <translation>Copy a short note about the selected meeting (else the latest) for the case file</translation>
    </message>
    <message>
        <source>Send møde&amp;indkaldelse (.ics)…</source>
        <translation>Send meeting &amp;invitation (.ics)…</translation>
    </message>
    <message>
        <source>Gem en kalenderfil til næste samtale, som Outlook og Thunderbird åbner</source>
        <translation>Save a calendar file for the next meeting that Outlook and Thunderbird open</translation>
    </message>
    <message>
        <source>Sa&amp;mmenlign møder…</source>
        <translation>Co&amp;mpare meetings…</translation>
    </message>
    <message>
        <source>To møder på én trappe: trin og dage imellem; udskriv «Din vej indtil nu»</source>
        <translation>Two meetings on one staircase: steps and days between; print “Your way so far”</translation>
    </message>
    <message>
        <source>&amp;Afslut forløb…</source>
        <translation>&amp;Close course…</translation>
    </message>
    <message>
        <source>Afslut borgerens forløb med en årsag</source>
        <translation>Close the citizen&apos;s course with a reason</translation>
    </message>
    <message>
        <source>&amp;Genåbn forløb</source>
        <translation>&amp;Reopen course</translation>
    </message>
    <message>
        <source>Genåbn et afsluttet forløb</source>
        <translation>Reopen a closed course</translation>
    </message>
    <message>
        <source>&amp;Slet borger helt…</source>
        <translation>&amp;Erase citizen completely…</translation>
    </message>
    <message>
        <source>Slet borgeren og alt om borgeren permanent</source>
        <translation>Permanently delete the citizen and everything about them</translation>
    </message>
    <message>
        <source>&amp;Udlevér data …</source>
        <translation>&amp;Hand out data …</translation>
    </message>
    <message>
        <source>Alt om borgeren og adgangsloggen som PDF og JSON (anmodning om indsigt)</source>
        <translation>Everything about the citizen and the access log as PDF and JSON (request of access)</translation>
    </message>
    <message>
        <source>Sletning efter &amp;frist …</source>
        <translation>Erasure after the retention &amp;period …</translation>
    </message>
    <message>
        <source>Vis og slet afsluttede forløb, der er ud over kommunens slettefrist</source>
        <translation>Show and erase closed courses past the municipality&apos;s retention period</translation>
    </message>
    <message>
        <source>&amp;Adgangslog</source>
        <translation>&amp;Access log</translation>
    </message>
    <message>
        <source>Hvem har åbnet, søgt, ændret og udleveret (teamleder og DPO)</source>
        <translation>Who has opened, searched, changed and handed out (team leader and DPO)</translation>
    </message>
    <message>
        <source>&amp;Dialogtilstand</source>
        <translation>&amp;Dialogue mode</translation>
    </message>
    <message>
        <source>Fuld skærm med kun denne borgers trappe, til samtalen (Esc forlader)</source>
        <translation>Full screen with only this citizen&apos;s staircase, for the meeting (Esc leaves)</translation>
    </message>
    <message>
        <source>Vis &amp;trappen</source>
        <translation>Show the &amp;staircase</translation>
    </message>
    <message>
        <source>Skjul trappen for at give historik, mødenotater og aftaler mere plads</source>
        <translation>Hide the staircase to give the history, meeting notes and agreements more room</translation>
    </message>
    <message>
        <source>&amp;Overblik…</source>
        <translation>&amp;Overview…</translation>
    </message>
    <message>
        <source>Teamlederens overblik: andel, trin, strømme, opfølgning og rapport</source>
        <translation>The team leader&apos;s overview: share, steps, flows, follow-up and report</translation>
    </message>
    <message>
        <source>&amp;Overdrag forløb…</source>
        <translation>&amp;Hand over course…</translation>
    </message>
    <message>
        <source>Skriv borgerens hele forløb til en krypteret fil til en kollega</source>
        <translation>Write the citizen&apos;s whole course to an encrypted file for a colleague</translation>
    </message>
    <message>
        <source>&amp;Importér forløb…</source>
        <translation>&amp;Import course…</translation>
    </message>
    <message>
        <source>Læs et forløb, som en kollega har overdraget</source>
        <translation>Read a course that a colleague has handed over</translation>
    </message>
    <message>
        <source>&amp;Brugervejledning</source>
        <translation>&amp;User guide</translation>
    </message>
    <message>
        <source>Sådan bruger du Trappe</source>
        <translation>How to use Trappe</translation>
    </message>
    <message>
        <source>&amp;Om Trappe</source>
        <translation>&amp;About Trappe</translation>
    </message>
    <message>
        <source>Om programmet</source>
        <translation>About the program</translation>
    </message>
    <message>
        <source>&amp;Tag sikkerhedskopi nu</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>Gem en kontrolleret kopi af databasen i mappen backups</source>
        <translation>Save a verified copy of the database in the backups folder</translation>
    </message>
    <message>
        <source>&amp;Gendan fra sikkerhedskopi…</source>
        <translation>&amp;Restore from backup…</translation>
    </message>
    <message>
        <source>Sæt en tidligere sikkerhedskopi i stedet for databasen</source>
        <translation>Put an earlier backup in place of the database</translation>
    </message>
    <message>
        <source>Skift &amp;adgangsfrase…</source>
        <translation>Change &amp;passphrase…</translation>
    </message>
    <message>
        <source>Kryptér databasen under en ny adgangsfrase</source>
        <translation>Encrypt the database under a new passphrase</translation>
    </message>
    <message>
        <source>&amp;Kryptér databasen…</source>
        <translation>&amp;Encrypt the database…</translation>
    </message>
    <message>
        <source>Gør en ukrypteret database krypteret</source>
        <translation>Make an unencrypted database encrypted</translation>
    </message>
    <message>
        <source>Gem &amp;ukrypteret kopi…</source>
        <translation>Save an &amp;unencrypted copy…</translation>
    </message>
    <message>
        <source>En ukrypteret kopi af databasen, f.eks. til IT</source>
        <translation>An unencrypted copy of the database, e.g. for IT</translation>
    </message>
    <message>
        <source>&amp;Filer</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Redigér</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Borger</source>
        <translation>&amp;Citizen</translation>
    </message>
    <message>
        <source>&amp;Vis</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Hjælp</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>ActivityRow</name>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Aktivitetstype</source>
        <translation>Activity type</translation>
    </message>
    <message>
        <source>Beskrivelse</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Virksomhed</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Timer/uge</source>
        <translation>Hours/week</translation>
    </message>
    <message>
        <source>Timer pr. uge</source>
        <translation>Hours per week</translation>
    </message>
    <message>
        <source>Fjern aktivitet</source>
        <translation>Remove activity</translation>
    </message>
    <message>
        <source>Type, aktivitet %1</source>
        <translation>Type, activity %1</translation>
    </message>
    <message>
        <source>Beskrivelse, aktivitet %1</source>
        <translation>Description, activity %1</translation>
    </message>
    <message>
        <source>Virksomhed, aktivitet %1</source>
        <translation>Company, activity %1</translation>
    </message>
    <message>
        <source>Timer pr. uge, aktivitet %1</source>
        <translation>Hours per week, activity %1</translation>
    </message>
    <message>
        <source>Fjern aktivitet %1</source>
        <translation>Remove activity %1</translation>
    </message>
</context>
<context>
    <name>AgreementRow</name>
    <message>
        <source>Hvad er aftalt?</source>
        <translation>What was agreed?</translation>
    </message>
    <message>
        <source>Aftale</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>Ansvarlig</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>Hvem?</source>
        <translation>Who?</translation>
    </message>
    <message>
        <source>Anden ansvarlig</source>
        <translation>Other person responsible</translation>
    </message>
    <message>
        <source>Fristen</source>
        <translation>The deadline</translation>
    </message>
    <message>
        <source>Frist</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Fjern aftale</source>
        <translation>Remove agreement</translation>
    </message>
    <message>
        <source>Aftale %1</source>
        <translation>Agreement %1</translation>
    </message>
    <message>
        <source>Ansvarlig for aftale %1</source>
        <translation>Responsible for agreement %1</translation>
    </message>
    <message>
        <source>Anden ansvarlig, aftale %1</source>
        <translation>Other person responsible, agreement %1</translation>
    </message>
    <message>
        <source>Frist for aftale %1</source>
        <translation>Deadline for agreement %1</translation>
    </message>
    <message>
        <source>Fjern aftale %1</source>
        <translation>Remove agreement %1</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>før opgradering</source>
        <translation>before an upgrade</translation>
    </message>
    <message>
        <source>automatisk</source>
        <translation>automatic</translation>
    </message>
    <message>
        <source>taget af brugeren</source>
        <translation>taken by the user</translation>
    </message>
    <message>
        <source>før sletning af en borger</source>
        <translation>before erasing a citizen</translation>
    </message>
    <message>
        <source>før sletning efter frist</source>
        <translation>before erasure after the retention period</translation>
    </message>
    <message>
        <source>før gendannelse</source>
        <translation>before a restore</translation>
    </message>
    <message>
        <source>Sikkerhedskopien mislykkedes: %1</source>
        <translation>The backup failed: %1</translation>
    </message>
    <message>
        <source>Gendan fra sikkerhedskopi</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>Vælg den sikkerhedskopi, der skal erstatte databasen «%1». Den nuværende database gemmes først som en sikkerhedskopi, så intet går tabt.</source>
        <translation>Choose the backup that is to replace the database “%1”. The current database is saved as a backup first, so nothing is lost.</translation>
    </message>
    <message>
        <source>Sikkerhedskopier</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Tidspunkt</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Anledning</source>
        <translation>Occasion</translation>
    </message>
    <message>
        <source>Størrelse</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Borgere</source>
        <translation>Citizens</translation>
    </message>
    <message>
        <source>ulæselig</source>
        <translation>unreadable</translation>
    </message>
    <message>
        <source>Der er endnu ingen sikkerhedskopier af denne database.</source>
        <translation>There are no backups of this database yet.</translation>
    </message>
    <message>
        <source>Gendan</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Databasen «%1» er beskadiget, så Trappe kan ikke bruge den.</source>
        <translation>The database “%1” is damaged, so Trappe cannot use it.</translation>
    </message>
    <message>
        <source>Der er ingen sikkerhedskopi, der består kontrollen. Kontakt IT. Den beskadigede fil er ikke ændret.</source>
        <translation>No backup passes the check. Contact IT. The damaged file has not been changed.</translation>
    </message>
    <message>
        <source>Den nyeste sikkerhedskopi, der består kontrollen, er fra %1 (%2 borgere).</source>
        <translation>The newest backup that passes the check is from %1 (%2 citizens).</translation>
    </message>
    <message>
        <source>Vil du gendanne den? Det, der er gemt efter dette tidspunkt, er ikke med. Den beskadigede fil slettes ikke; den gemmes som «%1.damaged-&lt;dato&gt;».</source>
        <translation>Do you want to restore it? What was saved after that time is not included. The damaged file is not deleted; it is kept as “%1.damaged-&lt;date&gt;”.</translation>
    </message>
    <message>
        <source>Databasen er beskadiget</source>
        <translation>The database is damaged</translation>
    </message>
    <message>
        <source>Gendan sikkerhedskopien</source>
        <translation>Restore the backup</translation>
    </message>
    <message>
        <source>Ikke nu</source>
        <translation>Not now</translation>
    </message>
    <message>
        <source>Sikkerhedskopien er gemt og kontrolleret: %1</source>
        <translation>The backup is saved and verified: %1</translation>
    </message>
    <message>
        <source>Databasen sættes tilbage til sikkerhedskopien fra %1. Det, der er gemt senere, er ikke med, men den nuværende database gemmes først som en sikkerhedskopi.

Vil du gendanne?</source>
        <translation>The database is set back to the backup from %1. What was saved later is not included, but the current database is saved as a backup first.

Do you want to restore?</translation>
    </message>
    <message>
        <source>Databasen er gendannet fra sikkerhedskopien.</source>
        <translation>The database has been restored from the backup.</translation>
    </message>
    <message>
        <source>Den tidligere fil er gemt som %1.</source>
        <translation>The previous file is kept as %1.</translation>
    </message>
    <message>
        <source>Gendannet</source>
        <translation>Restored</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Søjlediagram: borgere pr. trin</source>
        <translation>Bar chart: citizens per step</translation>
    </message>
    <message>
        <source>Tallene står i tabellen ved siden af</source>
        <translation>The figures are in the table beside it</translation>
    </message>
    <message>
        <source>Ingen tal endnu</source>
        <translation>No figures yet</translation>
    </message>
    <message>
        <source>Uden fase</source>
        <translation>No phase</translation>
    </message>
</context>
<context>
    <name>CaseloadModel</name>
    <message>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Målgruppe</source>
        <translation>Target group</translation>
    </message>
    <message>
        <source>Trin</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Dage</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>Næste samtale</source>
        <translation>Next meeting</translation>
    </message>
    <message>
        <source>Borgerens navn</source>
        <translation>Citizen&apos;s name</translation>
    </message>
    <message>
        <source>CPR-nummer (maskeret) eller sagsnummer</source>
        <translation>CPR number (masked) or case number</translation>
    </message>
    <message>
        <source>Fagpersonernes nuværende placering</source>
        <translation>The professionals&apos; current placement</translation>
    </message>
    <message>
        <source>Dage på det nuværende trin</source>
        <translation>Days on the current step</translation>
    </message>
    <message>
        <source>Dato for næste samtale</source>
        <translation>Date of the next meeting</translation>
    </message>
    <message>
        <source>%1, overskredet</source>
        <translation>%1, overdue</translation>
    </message>
    <message>
        <source>Trin %1: %2</source>
        <translation>Step %1: %2</translation>
    </message>
    <message>
        <source>%1, afsluttet</source>
        <translation>%1, closed</translation>
    </message>
    <message>
        <source>Næste samtale er overskredet</source>
        <translation>The next meeting is overdue</translation>
    </message>
    <message>
        <source>forløbet er afsluttet</source>
        <translation>the course is closed</translation>
    </message>
</context>
<context>
    <name>CaseloadPane</name>
    <message>
        <source>Søg på navn, CPR- eller sagsnummer</source>
        <translation>Search by name, CPR or case number</translation>
    </message>
    <message>
        <source>Søg borger</source>
        <translation>Find citizen</translation>
    </message>
    <message>
        <source>Ryd søgningen</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <source>Aktive forløb</source>
        <translation>Active courses</translation>
    </message>
    <message>
        <source>Afsluttede forløb</source>
        <translation>Closed courses</translation>
    </message>
    <message>
        <source>Alle forløb</source>
        <translation>All courses</translation>
    </message>
    <message>
        <source>Kun mine borgere</source>
        <translation>Only my citizens</translation>
    </message>
    <message>
        <source>Målgruppe</source>
        <translation>Target group</translation>
    </message>
    <message>
        <source>Nuværende trin</source>
        <translation>Current step</translation>
    </message>
    <message>
        <source>Alle samtaler</source>
        <translation>All meetings</translation>
    </message>
    <message>
        <source>Næste samtale overskredet</source>
        <translation>Next meeting overdue</translation>
    </message>
    <message>
        <source>Samtale i denne uge</source>
        <translation>Meeting this week</translation>
    </message>
    <message>
        <source>Samtale i næste uge</source>
        <translation>Meeting next week</translation>
    </message>
    <message>
        <source>Ingen samtale aftalt</source>
        <translation>No meeting planned</translation>
    </message>
    <message>
        <source>Ingen bevægelse i</source>
        <translation>No movement for</translation>
    </message>
    <message>
        <source> uger</source>
        <translation> weeks</translation>
    </message>
    <message>
        <source>Antal uger uden bevægelse</source>
        <translation>Number of weeks without movement</translation>
    </message>
    <message>
        <source>Borgere</source>
        <translation>Citizens</translation>
    </message>
    <message>
        <source>Trin</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Dage</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>Søgningen er ryddet.</source>
        <translation>The search is cleared.</translation>
    </message>
    <message>
        <source>Ingen borgere passer til søgningen.</source>
        <translation>No citizens match the search.</translation>
    </message>
    <message>
        <source>%1 valgt, 1 af %2.</source>
        <translation>%1 selected, 1 of %2.</translation>
    </message>
    <message>
        <source>Næste samtale</source>
        <translation>Next meeting</translation>
    </message>
    <message>
        <source>Forløb</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>F&amp;orløb:</source>
        <translation>C&amp;ourse:</translation>
    </message>
    <message>
        <source>&amp;Målgruppe:</source>
        <translation>Target &amp;group:</translation>
    </message>
    <message>
        <source>&amp;Trin:</source>
        <translation>S&amp;tep:</translation>
    </message>
    <message>
        <source>&amp;Samtale:</source>
        <translation>&amp;Meeting:</translation>
    </message>
    <message>
        <source>Alle målgrupper</source>
        <translation>All target groups</translation>
    </message>
    <message>
        <source>Alle trin</source>
        <translation>All steps</translation>
    </message>
    <message>
        <source>1 borger</source>
        <translation>1 citizen</translation>
    </message>
    <message>
        <source>%1 borgere</source>
        <translation>%1 citizens</translation>
    </message>
</context>
<context>
    <name>CitizenDialog</name>
    <message>
        <source>Ny borger</source>
        <translation>New citizen</translation>
    </message>
    <message>
        <source>Ret borger</source>
        <translation>Edit citizen</translation>
    </message>
    <message>
        <source>DDMMÅÅ-XXXX eller sagsnummer</source>
        <translation>DDMMYY-XXXX or case number</translation>
    </message>
    <message>
        <source>CPR-nummer eller sagsnummer. Ikke påkrævet; CPR vises maskeret i lister.</source>
        <translation>CPR number or case number. Not required; a CPR number is masked in lists.</translation>
    </message>
    <message>
        <source>(ingen målgruppe)</source>
        <translation>(no target group)</translation>
    </message>
    <message>
        <source>%1 (udgået)</source>
        <translation>%1 (retired)</translation>
    </message>
    <message>
        <source>Startdatoen</source>
        <translation>The start date</translation>
    </message>
    <message>
        <source>(intet måltrin)</source>
        <translation>(no goal step)</translation>
    </message>
    <message>
        <source>Måldatoen</source>
        <translation>The goal date</translation>
    </message>
    <message>
        <source>&amp;Navn:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;CPR-nr. / sagsnr.:</source>
        <translation>&amp;CPR no. / case no.:</translation>
    </message>
    <message>
        <source>&amp;Målgruppe:</source>
        <translation>&amp;Target group:</translation>
    </message>
    <message>
        <source>Sags&amp;behandler:</source>
        <translation>Case&amp;worker:</translation>
    </message>
    <message>
        <source>&amp;Virksomhedskonsulent:</source>
        <translation>Company &amp;consultant:</translation>
    </message>
    <message>
        <source>&amp;Startdato:</source>
        <translation>&amp;Start date:</translation>
    </message>
    <message>
        <source>Mål&amp;trin:</source>
        <translation>&amp;Goal step:</translation>
    </message>
    <message>
        <source>Mål&amp;dato:</source>
        <translation>Goal &amp;date:</translation>
    </message>
    <message>
        <source>Din tekst er bevaret. Tryk Gem igen for at gemme din udgave.</source>
        <translation>Your text is kept. Press Save again to save your version.</translation>
    </message>
</context>
<context>
    <name>CitizenHeader</name>
    <message>
        <source>Start %1</source>
        <translation>Start %1</translation>
    </message>
    <message>
        <source>Mål: %1</source>
        <translation>Goal: %1</translation>
    </message>
    <message>
        <source>senest %1</source>
        <translation>latest %1</translation>
    </message>
    <message>
        <source>afsluttet %1</source>
        <translation>closed %1</translation>
    </message>
</context>
<context>
    <name>CitizenOps</name>
    <message>
        <source>%1 er oprettet.</source>
        <translation>%1 has been created.</translation>
    </message>
    <message>
        <source>Den nye borger er ikke med i den viste liste (filtrene).</source>
        <translation>The new citizen is not in the list shown (the filters).</translation>
    </message>
    <message>
        <source>Journalnotat for mødet %1 er kopieret; indsæt det i journalen.</source>
        <translation>Journal note for the meeting on %1 copied; paste it into the case file.</translation>
    </message>
    <message>
        <source>Filen «%1» kan ikke gemmes: %2</source>
        <translation>The file “%1” cannot be saved: %2</translation>
    </message>
    <message>
        <source>Mødeindkaldelsen er gemt som %1.</source>
        <translation>The meeting invitation has been saved as %1.</translation>
    </message>
    <message>
        <source>Gem mødeindkaldelse</source>
        <translation>Save meeting invitation</translation>
    </message>
    <message>
        <source>Kalenderfil (*.ics)</source>
        <translation>Calendar file (*.ics)</translation>
    </message>
    <message>
        <source>%1 er slettet med alt om borgeren. Det kan ikke fortrydes.</source>
        <translation>%1 has been erased with everything about the citizen. This cannot be undone.</translation>
    </message>
</context>
<context>
    <name>CloseCitizenDialog</name>
    <message>
        <source>Afslut forløb</source>
        <translation>Close course</translation>
    </message>
    <message>
        <source>Afslut forløbet for %1. Historikken bevares, og forløbet kan genåbnes senere.</source>
        <translation>Close the course for %1. The history is kept, and the course can be reopened later.</translation>
    </message>
    <message>
        <source>Datoen</source>
        <translation>The date</translation>
    </message>
    <message>
        <source>Valgfri bemærkning, f.eks. arbejdsgiver</source>
        <translation>Optional note, e.g. the employer</translation>
    </message>
    <message>
        <source>&amp;Årsag:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>&amp;Dato:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>&amp;Bemærkning:</source>
        <translation>&amp;Note:</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Registrér møde</source>
        <translation>Record meeting</translation>
    </message>
    <message>
        <source>Mødet den %1 er gemt.</source>
        <translation>The meeting on %1 has been saved.</translation>
    </message>
    <message>
        <source>Ret møde</source>
        <translation>Edit meeting</translation>
    </message>
    <message>
        <source>Mødet den %1 er rettet.</source>
        <translation>The meeting on %1 has been corrected.</translation>
    </message>
    <message>
        <source>Slet møde</source>
        <translation>Delete meeting</translation>
    </message>
    <message>
        <source>Mødet den %1 er slettet. Du kan fortryde det.</source>
        <translation>The meeting on %1 has been deleted. You can undo this.</translation>
    </message>
    <message>
        <source>Markér aftale som udført</source>
        <translation>Mark agreement as done</translation>
    </message>
    <message>
        <source>Markér aftale som ikke udført</source>
        <translation>Mark agreement as not done</translation>
    </message>
    <message>
        <source>Aftalen er markeret som udført.</source>
        <translation>The agreement is marked as done.</translation>
    </message>
    <message>
        <source>Aftalen er markeret som ikke udført.</source>
        <translation>The agreement is marked as not done.</translation>
    </message>
    <message>
        <source>Ret borger</source>
        <translation>Edit citizen</translation>
    </message>
    <message>
        <source>Ændringerne af borgeren er gemt.</source>
        <translation>The changes to the citizen have been saved.</translation>
    </message>
    <message>
        <source>Afslut forløb</source>
        <translation>Close course</translation>
    </message>
    <message>
        <source>Forløbet er afsluttet.</source>
        <translation>The course is closed.</translation>
    </message>
    <message>
        <source>Genåbn forløb</source>
        <translation>Reopen course</translation>
    </message>
    <message>
        <source>Forløbet er genåbnet.</source>
        <translation>The course is reopened.</translation>
    </message>
    <message>
        <source>Trappen er ændret.</source>
        <translation>The staircase has been changed.</translation>
    </message>
    <message>
        <source>Ret dagens møde</source>
        <translation>Edit today&apos;s meeting</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Sammenlign møder — %1</source>
        <translation>Compare meetings — %1</translation>
    </message>
    <message>
        <source>Det tidlige møde</source>
        <translation>The earlier meeting</translation>
    </message>
    <message>
        <source>Det senere møde</source>
        <translation>The later meeting</translation>
    </message>
    <message>
        <source>&amp;Fra mødet:</source>
        <translation>&amp;From the meeting:</translation>
    </message>
    <message>
        <source>&amp;Til mødet:</source>
        <translation>&amp;To the meeting:</translation>
    </message>
    <message>
        <source>Udskriv «Din vej indtil nu»…</source>
        <translation>Print “Your way so far”…</translation>
    </message>
    <message>
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>ikke angivet</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>samme trin</source>
        <translation>same step</translation>
    </message>
    <message>
        <source>%1 trin op</source>
        <translation>%1 steps up</translation>
    </message>
    <message>
        <source>%1 trin ned</source>
        <translation>%1 steps down</translation>
    </message>
    <message>
        <source>samme dag</source>
        <translation>same day</translation>
    </message>
    <message>
        <source>1 dag</source>
        <translation>1 day</translation>
    </message>
    <message>
        <source>%1 dage</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <source>Fra %1 til %2: %3.</source>
        <translation>From %1 to %2: %3.</translation>
    </message>
    <message>
        <source>Fagpersonerne: fra %1 til %2%3.</source>
        <translation>Professionals: from %1 to %2%3.</translation>
    </message>
    <message>
        <source>Borgeren selv: fra %1 til %2%3.</source>
        <translation>The citizen: from %1 to %2%3.</translation>
    </message>
</context>
<context>
    <name>Conflicts</name>
    <message>
        <source>Ændret af en anden</source>
        <translation>Changed by someone else</translation>
    </message>
    <message>
        <source>Genindlæs</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>Behold min tekst</source>
        <translation>Keep my text</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Uventet fejl i Trappe</source>
        <translation>Unexpected error in Trappe</translation>
    </message>
    <message>
        <source>Der opstod en uventet fejl. Det, du allerede har gemt, er ikke gået tabt.
Du kan fortsætte, men gem ikke noget vigtigt, før du har genstartet Trappe.
Kopiér detaljerne og send dem til jeres IT-support.</source>
        <translation>An unexpected error occurred. What you have already saved has not been lost.
You can continue, but do not save anything important until you have restarted Trappe.
Copy the details and send them to your IT support.</translation>
    </message>
    <message>
        <source>Tekniske detaljer</source>
        <translation>Technical details</translation>
    </message>
    <message>
        <source>Kopiér detaljer</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>Fortsæt</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Afslut Trappe</source>
        <translation>Quit Trappe</translation>
    </message>
    <message>
        <source>Kopieret</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>DataExport</name>
    <message>
        <source>Vælg mappe</source>
        <translation>Choose folder</translation>
    </message>
    <message>
        <source>Gemt: %1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>DataExportDialog</name>
    <message>
        <source>Udlevér data</source>
        <translation>Hand out data</translation>
    </message>
    <message>
        <source>Alt, Trappe har om %1: oplysninger, placeringer, møder med notater og aftaler, og adgangsloggen (hvem har set eller ændret sagen). Til en anmodning om indsigt.</source>
        <translation>Everything Trappe holds about %1: details, placements, meetings with notes and agreements, and the access log (who has seen or changed the case). For a request of access.</translation>
    </message>
    <message>
        <source>&amp;PDF til at læse og udskrive</source>
        <translation>&amp;PDF to read and print</translation>
    </message>
    <message>
        <source>&amp;JSON, maskinlæsbar (dataportabilitet)</source>
        <translation>&amp;JSON, machine-readable (data portability)</translation>
    </message>
    <message>
        <source>&amp;Vælg …</source>
        <translation>C&amp;hoose …</translation>
    </message>
    <message>
        <source>Filer:</source>
        <translation>Files:</translation>
    </message>
    <message>
        <source>&amp;Mappe:</source>
        <translation>&amp;Folder:</translation>
    </message>
    <message>
        <source>Fil&amp;navn:</source>
        <translation>File &amp;name:</translation>
    </message>
    <message>
        <source>Filerne indeholder borgerens fulde CPR-nummer og notater. Udlevér dem sikkert (f.eks. Digital Post), og slet din kopi bagefter. Udleveringen skrives i loggen.</source>
        <translation>The files hold the citizen&apos;s full CPR number and notes. Hand them out securely (e.g. Digital Post) and delete your copy afterwards. The handing out is written to the log.</translation>
    </message>
    <message>
        <source>&amp;Gem</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Mappen findes ikke. Vælg en anden.</source>
        <translation>The folder does not exist. Choose another.</translation>
    </message>
    <message>
        <source>Filnavnet må ikke indeholde &lt; &gt; : &quot; / \ | ? *</source>
        <translation>The file name must not contain &lt; &gt; : &quot; / \ | ? *</translation>
    </message>
    <message>
        <source>Filen findes</source>
        <translation>The file exists</translation>
    </message>
    <message>
        <source>%1 findes allerede. Erstat?</source>
        <translation>%1 already exists. Replace it?</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>Hvor ligger dine data?</source>
        <translation>Where are your data?</translation>
    </message>
    <message>
        <source>Alt ligger på denne computer. Intet sendes nogen steder hen.</source>
        <translation>Everything stays on this computer. Nothing is sent anywhere.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Databasen&lt;/b&gt; er én fil:&lt;br&gt;&lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;&lt;p&gt;&lt;b&gt;Sikkerhedskopier&lt;/b&gt; laver Trappe selv, når programmet starter og jævnligt mens det kører: en kontrolleret kopi i mappen &lt;code&gt;backups&lt;/code&gt; ved siden af databasen. Trappe gemmer de seneste 7 daglige, 4 ugentlige og 12 månedlige kopier og sletter de ældre. Før en opgradering, en sletning af en borger og store ændringer af trappen tages der også en kopi.&lt;/p&gt;&lt;p&gt;Kopierne ligger på samme computer: aftal med IT, at mappen &lt;code&gt;%2&lt;/code&gt; også tages med i kommunens egen backup.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Dine egne indstillinger&lt;/b&gt; (navn, sprog, vinduets størrelse) gemmes kun for dig på denne computer.&lt;/p&gt;&lt;p&gt;Tryk F1 for brugervejledningen når som helst.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;The database&lt;/b&gt; is one file:&lt;br&gt;&lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;&lt;p&gt;&lt;b&gt;Backups&lt;/b&gt; are made by Trappe itself when the program starts and regularly while it runs: a verified copy in the folder &lt;code&gt;backups&lt;/code&gt; beside the database. Trappe keeps the latest 7 daily, 4 weekly and 12 monthly copies and deletes older ones. A copy is also taken before an upgrade, the erasure of a citizen and large changes to the staircase.&lt;/p&gt;&lt;p&gt;The copies are on the same computer: agree with IT that the folder &lt;code&gt;%2&lt;/code&gt; is included in the municipality&apos;s own backup.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Your own settings&lt;/b&gt; (name, language, window size) are kept only for you on this computer.&lt;/p&gt;&lt;p&gt;Press F1 for the user guide at any time.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>DatabaseController</name>
    <message>
        <source>Databasen kan ikke åbnes</source>
        <translation>The database cannot be opened</translation>
    </message>
    <message>
        <source>Filen «%1» findes allerede. Vælg et nyt navn, eller åbn den med Åbn database.</source>
        <translation>The file “%1” already exists. Choose a new name, or open it with Open database.</translation>
    </message>
    <message>
        <source>ingen database</source>
        <translation>no database</translation>
    </message>
    <message>
        <source>(ukrypteret)</source>
        <translation>(unencrypted)</translation>
    </message>
</context>
<context>
    <name>DatabasePage</name>
    <message>
        <source>Hvordan vil du begynde?</source>
        <translation>How do you want to start?</translation>
    </message>
    <message>
        <source>Databasen «%1» er tom.</source>
        <translation>The database “%1” is empty.</translation>
    </message>
    <message>
        <source>&amp;Rigtige borgere: en tom database med standardtrappen</source>
        <translation>&amp;Real citizens: an empty database with the default staircase</translation>
    </message>
    <message>
        <source>&amp;Prøv Trappe med %1 opdigtede borgere</source>
        <translation>&amp;Try Trappe with %1 invented citizens</translation>
    </message>
    <message>
        <source>Standardtrappen har syv trin fra &lt;i&gt;Afklaring&lt;/i&gt; til &lt;i&gt;Job eller uddannelse&lt;/i&gt; og de almindelige målgrupper. Kommunen kan omdøbe, farve, tilføje og flytte trin under Indstillinger.</source>
        <translation>The default staircase has seven steps from &lt;i&gt;Afklaring&lt;/i&gt; to &lt;i&gt;Job eller uddannelse&lt;/i&gt; and the usual target groups. The municipality can rename, colour, add and move steps under Settings.</translation>
    </message>
    <message>
        <source>Demodatabasen (%1) ligger ved siden af og kan ikke forveksles med rigtige data: navnene er opdigtede. Åbn den rigtige database igen med Filer → Seneste databaser.</source>
        <translation>The demo database (%1) sits beside it and cannot be mistaken for real data: the names are invented. Open the real database again with File → Recent databases.</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>dd-mm-åååå</source>
        <translation>dd-mm-yyyy</translation>
    </message>
    <message>
        <source>Vælg dato i kalenderen (Alt+Pil ned)</source>
        <translation>Pick a date in the calendar (Alt+Down)</translation>
    </message>
    <message>
        <source>Vis kalender</source>
        <translation>Show calendar</translation>
    </message>
</context>
<context>
    <name>DialogueView</name>
    <message>
        <source>Dialogtilstand</source>
        <translation>Dialogue mode</translation>
    </message>
    <message>
        <source>Afslut dialogtilstand (Esc)</source>
        <translation>Leave dialogue mode (Esc)</translation>
    </message>
    <message>
        <source>Det har vi aftalt</source>
        <translation>What we agreed</translation>
    </message>
    <message>
        <source>Trappen</source>
        <translation>The staircase</translation>
    </message>
    <message>
        <source>Forløbet er afsluttet %1</source>
        <translation>The course was closed on %1</translation>
    </message>
    <message>
        <source>Næste samtale: %1</source>
        <translation>Next meeting: %1</translation>
    </message>
    <message>
        <source>Næste samtale: ikke aftalt endnu</source>
        <translation>Next meeting: not agreed yet</translation>
    </message>
    <message>
        <source>senest %1</source>
        <translation>latest %1</translation>
    </message>
</context>
<context>
    <name>EarlierAgreement</name>
    <message>
        <source>udført</source>
        <translation>done</translation>
    </message>
    <message>
        <source>Udført: %1</source>
        <translation>Done: %1</translation>
    </message>
    <message>
        <source>senest %1</source>
        <translation>by %1</translation>
    </message>
    <message>
        <source>overskredet</source>
        <translation>overdue</translation>
    </message>
</context>
<context>
    <name>EditableRow</name>
    <message>
        <source>Fjern</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>EraseCitizenDialog</name>
    <message>
        <source>Slet borger for altid</source>
        <translation>Erase citizen for good</translation>
    </message>
    <message>
        <source>Du er ved at slette %1 og alt om borgeren: møder, placeringer, aftaler og notater. Det kan ikke fortrydes.

Sikkerhedskopier af databasen kan stadig indeholde borgeren i op til %2 måneder, indtil den sidste kopi med borgeren er udskiftet.

Vil du kun afslutte forløbet, så brug «Afslut forløb» i stedet.</source>
        <translation>You are about to erase %1 and everything about them: meetings, placements, agreements and notes. This cannot be undone.

Backups of the database may still hold the citizen for up to %2 months, until the last copy holding them has been replaced.

If you only want to close the course, use “Close course” instead.</translation>
    </message>
    <message>
        <source>Skriv borgerens &amp;navn for at bekræfte:</source>
        <translation>Type the citizen&apos;s &amp;name to confirm:</translation>
    </message>
    <message>
        <source>Borgerens navn</source>
        <translation>Citizen&apos;s name</translation>
    </message>
    <message>
        <source>Slet borgeren</source>
        <translation>Erase the citizen</translation>
    </message>
    <message>
        <source>Skriv borgerens navn, %1, for at slette. Tryk Esc for at annullere.</source>
        <translation>Type the citizen&apos;s name, %1, to erase. Press Esc to cancel.</translation>
    </message>
</context>
<context>
    <name>FieldError</name>
    <message>
        <source>Fejl</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Mappe</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>%1-fil</source>
        <translation>%1 file</translation>
    </message>
    <message>
        <source>Fil</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Kig i:</source>
        <translation>Look in:</translation>
    </message>
    <message>
        <source>Filnavn:</source>
        <translation>File name:</translation>
    </message>
    <message>
        <source>Filtype:</source>
        <translation>File type:</translation>
    </message>
    <message>
        <source>Gem</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Åbn</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Vælg</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>Trappe-database (*.sqlite *.db)</source>
        <translation>Trappe database (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>Alle filer (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>PDF-filer (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Ny Trappe-database</source>
        <translation>New Trappe database</translation>
    </message>
    <message>
        <source>Åbn Trappe-database</source>
        <translation>Open Trappe database</translation>
    </message>
    <message>
        <source>Billeder (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>FileRow</name>
    <message>
        <source>&amp;Vælg…</source>
        <translation>&amp;Choose…</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>Trappe – brugervejledning</source>
        <translation>Trappe – user guide</translation>
    </message>
    <message>
        <source>&lt; &amp;Tilbage</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Indhold</source>
        <translation>&amp;Contents</translation>
    </message>
    <message>
        <source>&amp;Luk</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>HandoverDialogs</name>
    <message>
        <source>Trappe-overdragelse (*.trappe-overdragelse);;Alle filer (*)</source>
        <translation>Trappe handover (*.trappe-overdragelse);;All files (*)</translation>
    </message>
</context>
<context>
    <name>HandoverExportDialog</name>
    <message>
        <source>Overdrag forløb</source>
        <translation>Hand over course</translation>
    </message>
    <message>
        <source>Hele forløbet for &lt;b&gt;%1&lt;/b&gt; – møder, placeringer, aftaler, aktiviteter og adgangsloggen – skrives til én krypteret fil, som en kollega kan importere på sin computer. Du får et engangskodeord, som du giver kollegaen på en anden måde end filen, f.eks. i telefonen.</source>
        <translation>The whole course of &lt;b&gt;%1&lt;/b&gt; – meetings, placements, agreements, activities and the access log – is written to one encrypted file that a colleague can import on their computer. You get a one-time passphrase to give the colleague by another way than the file, e.g. on the phone.</translation>
    </message>
    <message>
        <source>Gem overdragelsesfil</source>
        <translation>Save handover file</translation>
    </message>
    <message>
        <source>&amp;Skriv fil</source>
        <translation>&amp;Write file</translation>
    </message>
    <message>
        <source>Filen er skrevet</source>
        <translation>The file is written</translation>
    </message>
    <message>
        <source>Kodeord</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>&amp;Kopiér kodeord</source>
        <translation>&amp;Copy passphrase</translation>
    </message>
    <message>
        <source>Slet borgeren her nu (filen er kontrolleret; der tages en sikkerhedskopi)</source>
        <translation>Erase the citizen here now (the file is verified; a backup is taken)</translation>
    </message>
    <message>
        <source>Skriv kodeordet ned eller giv det videre nu: det vises ikke igen, og uden det kan filen ikke åbnes.</source>
        <translation>Write the passphrase down or pass it on now: it is not shown again, and without it the file cannot be opened.</translation>
    </message>
    <message>
        <source>&amp;Fil:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>Vælg en fil.</source>
        <translation>Choose a file.</translation>
    </message>
    <message>
        <source>%1&lt;br&gt;%2 møder, %3 placeringer, %4 aftaler, %5 aktiviteter.</source>
        <translation>%1&lt;br&gt;%2 meetings, %3 placements, %4 agreements, %5 activities.</translation>
    </message>
    <message>
        <source>&amp;Færdig</source>
        <translation>&amp;Done</translation>
    </message>
    <message>
        <source>Slet borgeren her</source>
        <translation>Erase the citizen here</translation>
    </message>
    <message>
        <source>Borgeren og hele forløbet slettes i denne database. Kollegaen har det i filen. Fortsæt?</source>
        <translation>The citizen and the whole course are erased from this database. The colleague has it in the file. Continue?</translation>
    </message>
</context>
<context>
    <name>HandoverImportDialog</name>
    <message>
        <source>Importér forløb</source>
        <translation>Import course</translation>
    </message>
    <message>
        <source>Åbn overdragelsesfil</source>
        <translation>Open handover file</translation>
    </message>
    <message>
        <source>&amp;Læs fil</source>
        <translation>&amp;Read file</translation>
    </message>
    <message>
        <source>&amp;Fil:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>&amp;Kodeord:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Forløbet i filen</source>
        <translation>The course in the file</translation>
    </message>
    <message>
        <source>Trin i filen</source>
        <translation>Step in the file</translation>
    </message>
    <message>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Trin her</source>
        <translation>Step here</translation>
    </message>
    <message>
        <source>Borgeren findes allerede her</source>
        <translation>The citizen is already here</translation>
    </message>
    <message>
        <source>Annullér: importér ikke</source>
        <translation>Cancel: do not import</translation>
    </message>
    <message>
        <source>&amp;Importér</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Vælg overdragelsesfilen.</source>
        <translation>Choose the handover file.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; fra %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; from %2</translation>
    </message>
    <message>
        <source>%1 møder, %2 placeringer, %3 aftaler, %4 aktiviteter</source>
        <translation>%1 meetings, %2 placements, %3 agreements, %4 activities</translation>
    </message>
    <message>
        <source>Målgruppen «%1» findes ikke her; borgeren får ingen målgruppe.</source>
        <translation>The target group “%1” does not exist here; the citizen gets no target group.</translation>
    </message>
    <message>
        <source>– vælg et trin –</source>
        <translation>– choose a step –</translation>
    </message>
    <message>
        <source>Intet trin her har samme navn og kategori.</source>
        <translation>No step here has the same name and category.</translation>
    </message>
    <message>
        <source>Alle trin findes her med samme navn og kategori.</source>
        <translation>Every step exists here with the same name and category.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 trin findes ikke her med samme navn og kategori&lt;/b&gt; (markeret ⚠). Vælg hvilket trin her, placeringerne skal stå på.</source>
        <translation>&lt;b&gt;%1 steps do not exist here with the same name and category&lt;/b&gt; (marked ⚠). Choose which step here the placements go on.</translation>
    </message>
    <message>
        <source>Borgeren findes her som «%1» (samme CPR- eller sagsnummer). Intet af det, der står her, bliver overskrevet.</source>
        <translation>The citizen is here as “%1” (same CPR or case number). Nothing that is here will be overwritten.</translation>
    </message>
    <message>
        <source>%1 møder findes i begge, men er forskellige; dine beholdes: %2.</source>
        <translation>%1 meetings exist in both but differ; yours are kept: %2.</translation>
    </message>
    <message>
        <source>Borgerens egne oplysninger er forskellige; dine beholdes.</source>
        <translation>The citizen&apos;s own details differ; yours are kept.</translation>
    </message>
    <message>
        <source>&amp;Flet de %1 møder ind, der mangler her (%2 findes allerede)</source>
        <translation>&amp;Merge in the %1 meetings missing here (%2 already exist)</translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <source>t./uge</source>
        <translation>h/week</translation>
    </message>
    <message>
        <source>Møder</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>Dato</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Trin</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Deltagere</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>● fagpersonernes placering, ▲ borgerens egen placering</source>
        <translation>● the professionals&apos; placement, ▲ the citizen&apos;s own placement</translation>
    </message>
    <message>
        <source>Notater fra mødet</source>
        <translation>Notes from the meeting</translation>
    </message>
    <message>
        <source>Ret møde…</source>
        <translation>Edit meeting…</translation>
    </message>
    <message>
        <source>Slet møde</source>
        <translation>Delete meeting</translation>
    </message>
    <message>
        <source>Åbne aftaler</source>
        <translation>Open agreements</translation>
    </message>
    <message>
        <source>Progression</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Vis ældre åbne aftaler</source>
        <translation>Show older open agreements</translation>
    </message>
    <message>
        <source>Aktiviteter nu</source>
        <translation>Current activities</translation>
    </message>
    <message>
        <source>Møder (%1)</source>
        <translation>Meetings (%1)</translation>
    </message>
    <message>
        <source>Forløbet er afsluttet %1</source>
        <translation>The course was closed %1</translation>
    </message>
    <message>
        <source>Næste samtale: ikke aftalt</source>
        <translation>Next meeting: not agreed</translation>
    </message>
    <message>
        <source>Næste samtale: %1</source>
        <translation>Next meeting: %1</translation>
    </message>
    <message>
        <source>(overskredet)</source>
        <translation>(overdue)</translation>
    </message>
    <message>
        <source>Vis %1 ældre åbne aftaler</source>
        <translation>Show %1 older open agreements</translation>
    </message>
    <message>
        <source>Fagpersoner: %1</source>
        <translation>Professionals: %1</translation>
    </message>
    <message>
        <source>Borgeren: %1</source>
        <translation>Citizen: %1</translation>
    </message>
    <message>
        <source>Ingen møder endnu.</source>
        <translation>No meetings yet.</translation>
    </message>
    <message>
        <source>Sagsbehandlerens notat</source>
        <translation>Caseworker&apos;s note</translation>
    </message>
    <message>
        <source>Virksomhedskonsulentens notat</source>
        <translation>Company consultant&apos;s note</translation>
    </message>
    <message>
        <source>senest %1</source>
        <translation>latest %1</translation>
    </message>
    <message>
        <source>overskredet</source>
        <translation>overdue</translation>
    </message>
    <message>
        <source>Åbne aftaler (%1)</source>
        <translation>Open agreements (%1)</translation>
    </message>
    <message>
        <source>Ingen aktiviteter registreret.</source>
        <translation>No activities recorded.</translation>
    </message>
</context>
<context>
    <name>IntervalEditor</name>
    <message>
        <source>Eget interval</source>
        <translation>Own interval</translation>
    </message>
    <message>
        <source> uger</source>
        <translation> weeks</translation>
    </message>
    <message>
        <source> mdr.</source>
        <translation> months</translation>
    </message>
    <message>
        <source>ingen</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Uger mellem samtaler, %1</source>
        <translation>Weeks between meetings, %1</translation>
    </message>
    <message>
        <source>Måneder med tættere opfølgning, %1</source>
        <translation>Months of closer follow-up, %1</translation>
    </message>
    <message>
        <source>Uger mellem samtaler i starten, %1</source>
        <translation>Weeks between meetings at the start, %1</translation>
    </message>
    <message>
        <source>Eget interval for %1</source>
        <translation>Own interval for %1</translation>
    </message>
    <message>
        <source>Næste samtale foreslås ud fra borgerens målgruppe: en samtale hver N. uge, og tættere i de første måneder af forløbet, hvis I ønsker det.</source>
        <translation>The next meeting is suggested from the citizen&apos;s target group: a meeting every N weeks, and more often in the first months of the course if you wish.</translation>
    </message>
    <message>
        <source>Standard (alle målgrupper uden eget interval)</source>
        <translation>Default (every target group without its own interval)</translation>
    </message>
    <message>
        <source>Samtale hver</source>
        <translation>Meeting every</translation>
    </message>
    <message>
        <source>De første</source>
        <translation>The first</translation>
    </message>
    <message>
        <source>samtale hver</source>
        <translation>meeting every</translation>
    </message>
</context>
<context>
    <name>InvitationDialog</name>
    <message>
        <source>Mødeindkaldelse til %1</source>
        <translation>Meeting invitation for %1</translation>
    </message>
    <message>
        <source>Datoen</source>
        <translation>The date</translation>
    </message>
    <message>
        <source>tt:mm</source>
        <translation>hh:mm</translation>
    </message>
    <message>
        <source> min.</source>
        <translation> min.</translation>
    </message>
    <message>
        <source>Å&amp;bn filen i kalenderprogrammet bagefter</source>
        <translation>&amp;Open the file in the calendar program afterwards</translation>
    </message>
    <message>
        <source>&amp;Dato:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>&amp;Klokken:</source>
        <translation>&amp;Time:</translation>
    </message>
    <message>
        <source>&amp;Varighed:</source>
        <translation>D&amp;uration:</translation>
    </message>
    <message>
        <source>&amp;Sted:</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <source>&amp;Tekst til borgeren:</source>
        <translation>Te&amp;xt to the citizen:</translation>
    </message>
    <message>
        <source>Gem indkaldelse…</source>
        <translation>Save invitation…</translation>
    </message>
    <message>
        <source>Indkaldelsen gemmes som en kalenderfil (.ics), som Outlook og Thunderbird kan åbne. Den indeholder ikke borgerens CPR-nummer.</source>
        <translation>The invitation is saved as a calendar file (.ics) that Outlook and Thunderbird can open. It does not contain the citizen&apos;s CPR number.</translation>
    </message>
</context>
<context>
    <name>JourneyPreview</name>
    <message>
        <source>Din vej indtil nu — udskrift</source>
        <translation>Your way so far — print</translation>
    </message>
    <message>
        <source>1 side</source>
        <translation>1 page</translation>
    </message>
    <message>
        <source>Din vej indtil nu</source>
        <translation>Din vej indtil nu</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Sagsbehandler</source>
        <translation>Caseworker</translation>
    </message>
    <message>
        <source>Virksomhedskonsulent</source>
        <translation>Company consultant</translation>
    </message>
    <message>
        <source>Teamleder</source>
        <translation>Team leader</translation>
    </message>
    <message>
        <source>Databeskyttelsesrådgiver</source>
        <translation>Data protection officer</translation>
    </message>
    <message>
        <source>Borger</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <source>Andre</source>
        <translation>Others</translation>
    </message>
    <message>
        <source>Ingen (forberedende)</source>
        <translation>None (preparatory)</translation>
    </message>
    <message>
        <source>Virksomhedsrettet indsats</source>
        <translation>Company-oriented activity</translation>
    </message>
    <message>
        <source>Ordinære timer</source>
        <translation>Ordinary hours</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Uddannelse</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>Fleksjob</source>
        <translation>Flexjob</translation>
    </message>
    <message>
        <source>Førtidspension</source>
        <translation>Disability pension</translation>
    </message>
    <message>
        <source>Ressourceforløb afsluttet</source>
        <translation>Resource course ended</translation>
    </message>
    <message>
        <source>Flyttet</source>
        <translation>Moved</translation>
    </message>
    <message>
        <source>Overført</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>Andet</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>%1 (udgået)</source>
        <translation>%1 (retired)</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Fagpersonernes placering</source>
        <translation>Professionals&apos; placement</translation>
    </message>
    <message>
        <source>Borgerens egen placering</source>
        <translation>Citizen&apos;s own placement</translation>
    </message>
    <message>
        <source>Mål</source>
        <translation>Goal</translation>
    </message>
    <message>
        <source>Tidligere placeringer (dato)</source>
        <translation>Earlier placements (date)</translation>
    </message>
    <message>
        <source>Ved det tidligere møde (lys)</source>
        <translation>At the earlier meeting (light)</translation>
    </message>
    <message>
        <source>+%1 tidligere</source>
        <translation>+%1 earlier</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Seneste databaser</source>
        <translation>Recent databases</translation>
    </message>
    <message>
        <source>Trappe</source>
        <translation>Trappe</translation>
    </message>
    <message>
        <source>Om Trappe</source>
        <translation>About Trappe</translation>
    </message>
    <message>
        <source>Trappe %1

Et digitalt dialogværktøj til trappemodellen: hvor står borgeren, og hvor går næste skridt hen?</source>
        <translation>Trappe %1

A digital dialogue tool for the staircase model: where does the citizen stand, and where does the next step lead?</translation>
    </message>
    <message>
        <source>Forløbet er overdraget, og borgeren er slettet her.</source>
        <translation>The course is handed over, and the citizen is erased here.</translation>
    </message>
    <message>
        <source>Forløbet er importeret.</source>
        <translation>The course is imported.</translation>
    </message>
    <message>
        <source>Demodatabasen med opdigtede borgere er åben: %1</source>
        <translation>The demo database of invented citizens is open: %1</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Dialogmøde med %1</source>
        <translation>Dialogue meeting with %1</translation>
    </message>
    <message>
        <source>Ret dialogmøde med %1</source>
        <translation>Edit dialogue meeting with %1</translation>
    </message>
    <message>
        <source>Mødedatoen</source>
        <translation>The meeting date</translation>
    </message>
    <message>
        <source>Næste samtale</source>
        <translation>Next meeting</translation>
    </message>
    <message>
        <source>Foreslås ud fra målgruppens interval (Indstillinger → Samtaler).</source>
        <translation>Suggested from the target group&apos;s interval (Settings → Meetings).</translation>
    </message>
    <message>
        <source>F.eks. borger, sagsbehandler, virksomhedskonsulent</source>
        <translation>E.g. citizen, caseworker, company consultant</translation>
    </message>
    <message>
        <source>(vælg trin)</source>
        <translation>(choose step)</translation>
    </message>
    <message>
        <source>ikke angivet</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>&amp;Næste samtale:</source>
        <translation>&amp;Next meeting:</translation>
    </message>
    <message>
        <source>&amp;Dato:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>D&amp;eltagere:</source>
        <translation>&amp;Participants:</translation>
    </message>
    <message>
        <source>&amp;Fagpersonernes placering:</source>
        <translation>Pro&amp;fessionals&apos; placement:</translation>
    </message>
    <message>
        <source>&amp;Borgerens egen placering:</source>
        <translation>&amp;Citizen&apos;s own placement:</translation>
    </message>
    <message>
        <source>Sa&amp;gsbehandlerens notat:</source>
        <translation>Case&amp;worker&apos;s note:</translation>
    </message>
    <message>
        <source>Virksomheds&amp;konsulentens notat:</source>
        <translation>Company c&amp;onsultant&apos;s note:</translation>
    </message>
    <message>
        <source>Aftaler</source>
        <translation>Agreements</translation>
    </message>
    <message>
        <source>&amp;Tilføj aftale</source>
        <translation>&amp;Add agreement</translation>
    </message>
    <message>
        <source>Ingen aftaler endnu.</source>
        <translation>No agreements yet.</translation>
    </message>
    <message>
        <source>Parallelle aktiviteter</source>
        <translation>Parallel activities</translation>
    </message>
    <message>
        <source>Tilføj &amp;aktivitet</source>
        <translation>Add ac&amp;tivity</translation>
    </message>
    <message>
        <source>Ingen aktiviteter.</source>
        <translation>No activities.</translation>
    </message>
    <message>
        <source>Borgeren har ingen placering endnu.</source>
        <translation>The citizen has no placement yet.</translation>
    </message>
    <message>
        <source>Nu: fagpersonerne %1 (siden %2)</source>
        <translation>Now: the professionals %1 (since %2)</translation>
    </message>
    <message>
        <source>Borgeren selv: %1</source>
        <translation>The citizen: %1</translation>
    </message>
</context>
<context>
    <name>MeetingFields</name>
    <message>
        <source>Mødedatoen</source>
        <translation>The meeting date</translation>
    </message>
    <message>
        <source>Mødedato</source>
        <translation>Meeting date</translation>
    </message>
    <message>
        <source>Næste samtale</source>
        <translation>Next meeting</translation>
    </message>
    <message>
        <source>Foreslås ud fra målgruppens interval (Indstillinger → Samtaler).</source>
        <translation>Suggested from the target group&apos;s interval (Settings → Meetings).</translation>
    </message>
    <message>
        <source>Deltagere</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>F.eks. borger, sagsbehandler, virksomhedskonsulent</source>
        <translation>E.g. citizen, caseworker, company consultant</translation>
    </message>
    <message>
        <source>&amp;Dato:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>&amp;Næste samtale:</source>
        <translation>&amp;Next meeting:</translation>
    </message>
    <message>
        <source>D&amp;eltagere:</source>
        <translation>&amp;Participants:</translation>
    </message>
    <message>
        <source>Aftaler fra tidligere møder</source>
        <translation>Agreements from earlier meetings</translation>
    </message>
    <message>
        <source>Ingen åbne aftaler fra tidligere møder.</source>
        <translation>No open agreements from earlier meetings.</translation>
    </message>
    <message>
        <source>Nye aftaler</source>
        <translation>New agreements</translation>
    </message>
    <message>
        <source>&amp;Tilføj aftale</source>
        <translation>&amp;Add agreement</translation>
    </message>
    <message>
        <source>Ingen nye aftaler endnu.</source>
        <translation>No new agreements yet.</translation>
    </message>
    <message>
        <source>Parallelle aktiviteter</source>
        <translation>Parallel activities</translation>
    </message>
    <message>
        <source>Tilføj &amp;aktivitet</source>
        <translation>Add a&amp;ctivity</translation>
    </message>
    <message>
        <source>Ingen aktiviteter.</source>
        <translation>No activities.</translation>
    </message>
    <message>
        <source>Notater</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Sa&amp;gsbehandlerens notat:</source>
        <translation>Case&amp;worker&apos;s note:</translation>
    </message>
    <message>
        <source>Virksomheds&amp;konsulentens notat:</source>
        <translation>Company &amp;consultant&apos;s note:</translation>
    </message>
    <message>
        <source>Aftaler fra tidligere møder (%1)</source>
        <translation>Agreements from earlier meetings (%1)</translation>
    </message>
</context>
<context>
    <name>MeetingMode</name>
    <message>
        <source>● Fagpersonerne</source>
        <translation>● Professionals</translation>
    </message>
    <message>
        <source>▲ Borgeren</source>
        <translation>▲ Citizen</translation>
    </message>
    <message>
        <source>★ Mål</source>
        <translation>★ Goal</translation>
    </message>
</context>
<context>
    <name>MeetingModeController</name>
    <message>
        <source>Forløbet er afsluttet. Genåbn borgeren for at registrere et møde.</source>
        <translation>The course is closed. Reopen the citizen to record a meeting.</translation>
    </message>
    <message>
        <source>Mødet er gemt.</source>
        <translation>The meeting is saved.</translation>
    </message>
    <message>
        <source>Mødet er ikke gemt</source>
        <translation>The meeting is not saved</translation>
    </message>
    <message>
        <source>Mødet er ikke gemt. Vil du lukke Trappe og kassere det?</source>
        <translation>The meeting is not saved. Close Trappe and discard it?</translation>
    </message>
</context>
<context>
    <name>MeetingModeView</name>
    <message>
        <source>Mødetilstand</source>
        <translation>Meeting mode</translation>
    </message>
    <message>
        <source>Klik eller tryk på et trin: fagpersonernes placering (F)</source>
        <translation>Click or tap a step: the professionals&apos; placement (F)</translation>
    </message>
    <message>
        <source>Klik eller tryk på et trin: borgerens egen placering (B)</source>
        <translation>Click or tap a step: the citizen&apos;s own placement (B)</translation>
    </message>
    <message>
        <source>Klik eller tryk på et trin: målet (M)</source>
        <translation>Click or tap a step: the goal (M)</translation>
    </message>
    <message>
        <source>Flyt fagpersonernes placering</source>
        <translation>Move the professionals&apos; placement</translation>
    </message>
    <message>
        <source>Flyt borgerens egen placering</source>
        <translation>Move the citizen&apos;s own placement</translation>
    </message>
    <message>
        <source>Flyt målet</source>
        <translation>Move the goal</translation>
    </message>
    <message>
        <source>Klik eller tryk på et trin for at flytte den valgte markør, eller træk en markør. Tastatur: piletaster flytter, F, B og M (eller Mellemrum) vælger markør.</source>
        <translation>Click or tap a step to move the chosen marker, or drag a marker. Keyboard: the arrow keys move, F, B and M (or Space) choose the marker.</translation>
    </message>
    <message>
        <source>Gem møde (Ctrl+Enter)</source>
        <translation>Save meeting (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Gem møde</source>
        <translation>Save meeting</translation>
    </message>
    <message>
        <source>Annullér (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Annullér mødet</source>
        <translation>Cancel the meeting</translation>
    </message>
    <message>
        <source>Dialogmøde med %1</source>
        <translation>Dialogue meeting with %1</translation>
    </message>
    <message>
        <source>Dagens møde med %1 (fortsat)</source>
        <translation>Today&apos;s meeting with %1 (continued)</translation>
    </message>
    <message>
        <source>ikke placeret</source>
        <translation>not placed</translation>
    </message>
    <message>
        <source>Fagpersonerne: %1 · Borgeren: %2 · Mål: %3</source>
        <translation>Professionals: %1 · Citizen: %2 · Goal: %3</translation>
    </message>
    <message>
        <source>intet</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Mødet er ikke gemt. Vil du kassere det, du har registreret?</source>
        <translation>The meeting is not saved. Discard what you have recorded?</translation>
    </message>
</context>
<context>
    <name>MeetingOps</name>
    <message>
        <source>Din ændring er ikke gemt.</source>
        <translation>Your change was not saved.</translation>
    </message>
    <message>
        <source>Din tekst er bevaret. Tryk Gem igen for at gemme din udgave.</source>
        <translation>Your text is kept. Press Save again to save your version.</translation>
    </message>
    <message>
        <source>Slet møde</source>
        <translation>Delete meeting</translation>
    </message>
    <message>
        <source>Slet mødet den %1 med placeringer, aktiviteter og aftaler?
Du kan fortryde med Fortryd.</source>
        <translation>Delete the meeting on %1 with its placements, activities and agreements?
You can take it back with Undo.</translation>
    </message>
</context>
<context>
    <name>MultiPicker</name>
    <message>
        <source>alle</source>
        <translation>all</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>Rapport</source>
        <translation>Report</translation>
    </message>
</context>
<context>
    <name>OverviewFilters</name>
    <message>
        <source>Slutdatoen</source>
        <translation>The end date</translation>
    </message>
    <message>
        <source>Startdatoen</source>
        <translation>The start date</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>Sammenlign med</source>
        <translation>Compare with</translation>
    </message>
    <message>
        <source>Målgrupper</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <source>Sagsbehandlere</source>
        <translation>Caseworkers</translation>
    </message>
    <message>
        <source>Virksomhedskonsulenter</source>
        <translation>Company consultants</translation>
    </message>
    <message>
        <source> uger</source>
        <translation> weeks</translation>
    </message>
    <message>
        <source>Ingen bevægelse i antal uger</source>
        <translation>No movement for number of weeks</translation>
    </message>
    <message>
        <source>&amp;Opdatér</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Rapport …</source>
        <translation>&amp;Report …</translation>
    </message>
    <message>
        <source>Beregner</source>
        <translation>Computing</translation>
    </message>
    <message>
        <source>&amp;Annullér</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Periode &amp;fra:</source>
        <translation>Period &amp;from:</translation>
    </message>
    <message>
        <source>&amp;til:</source>
        <translation>&amp;to:</translation>
    </message>
    <message>
        <source>&amp;Baseline:</source>
        <translation>&amp;Baseline:</translation>
    </message>
    <message>
        <source>&amp;Sammenlign med:</source>
        <translation>&amp;Compare with:</translation>
    </message>
    <message>
        <source>Udvalg:</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <source>Ingen bevægelse i:</source>
        <translation>No movement for:</translation>
    </message>
    <message>
        <source>Start og baseline skal ligge før slutdatoen.</source>
        <translation>Start and baseline must come before the end date.</translation>
    </message>
</context>
<context>
    <name>OverviewTabs</name>
    <message>
        <source>Tabel: borgere pr. trin</source>
        <translation>Table: citizens per step</translation>
    </message>
    <message>
        <source>Tabel: andel pr. måned</source>
        <translation>Table: share per month</translation>
    </message>
    <message>
        <source>&amp;Nøgletal</source>
        <translation>&amp;Key figures</translation>
    </message>
    <message>
        <source>Strømme mellem trin</source>
        <translation>Flows between steps</translation>
    </message>
    <message>
        <source>Bevægelse</source>
        <translation>Movement</translation>
    </message>
    <message>
        <source>Rækker: trinnet ved periodens start. Kolonner: trinnet ved periodens slut. Trappen, som den var på hver dato.</source>
        <translation>Rows: the step at the start of the period. Columns: the step at its end. The staircase as it was on each date.</translation>
    </message>
    <message>
        <source>S&amp;trømme</source>
        <translation>F&amp;lows</translation>
    </message>
    <message>
        <source>Vis alle</source>
        <translation>Show all</translation>
    </message>
    <message>
        <source>Dobbeltklik (eller Enter) på en række åbner borgeren.</source>
        <translation>Double-click (or Enter) on a row opens the citizen.</translation>
    </message>
    <message>
        <source>&amp;Opfølgning</source>
        <translation>F&amp;ollow-up</translation>
    </message>
    <message>
        <source>Aktiviteter og bevægelse op</source>
        <translation>Activities and moving up</translation>
    </message>
    <message>
        <source>Sammenhæng, ikke årsag: andelen af borgerne, der stod på et højere trin inden 3 og 6 måneder efter det første møde i perioden med aktiviteten. Borgere, der var klar, har måske oftere fået aktiviteten.</source>
        <translation>Association, not cause: the share of citizens who stood on a higher step within 3 and 6 months after their first meeting in the period with the activity. Citizens who were ready may more often have been given the activity.</translation>
    </message>
    <message>
        <source>&amp;Aktiviteter</source>
        <translation>&amp;Activities</translation>
    </message>
    <message>
        <source>Resultatmål pr. målgruppe</source>
        <translation>Result targets per target group</translation>
    </message>
    <message>
        <source>Resultatmål</source>
        <translation>Result targets</translation>
    </message>
    <message>
        <source>Gemte målinger</source>
        <translation>Stored measurements</translation>
    </message>
    <message>
        <source>&amp;Gem måling …</source>
        <translation>&amp;Save measurement …</translation>
    </message>
    <message>
        <source>&amp;Genberegn måling …</source>
        <translation>Re&amp;compute measurement …</translation>
    </message>
    <message>
        <source>Sæt &amp;mål …</source>
        <translation>Set &amp;target …</translation>
    </message>
    <message>
        <source>&amp;Mål og målinger</source>
        <translation>&amp;Targets and measurements</translation>
    </message>
    <message>
        <source>%1 siden baseline %2 (%3)</source>
        <translation>%1 since baseline %2 (%3)</translation>
    </message>
    <message>
        <source>%1 siden «%2» (gemt: %3)</source>
        <translation>%1 since “%2” (stored: %3)</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Hvad</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Siden</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>Dage</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>Vis alle (%1)</source>
        <translation>Show all (%1)</translation>
    </message>
</context>
<context>
    <name>OverviewWindow</name>
    <message>
        <source>Overblik</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Beregner …</source>
        <translation>Computing …</translation>
    </message>
    <message>
        <source>Beregningen blev annulleret.</source>
        <translation>The computation was cancelled.</translation>
    </message>
    <message>
        <source>%1 · %2 – %3 · baseline %4</source>
        <translation>%1 · %2 – %3 · baseline %4</translation>
    </message>
    <message>
        <source>Beregner aktiviteter …</source>
        <translation>Computing activities …</translation>
    </message>
    <message>
        <source>Gem måling</source>
        <translation>Save measurement</translation>
    </message>
    <message>
        <source>Navn (f.eks. Baseline, Midtvejs, Slut):</source>
        <translation>Name (e.g. Baseline, Midway, End):</translation>
    </message>
    <message>
        <source>Metode:</source>
        <translation>Method:</translation>
    </message>
    <message>
        <source>Genberegn</source>
        <translation>Recompute</translation>
    </message>
    <message>
        <source>Ingen gemte målinger.</source>
        <translation>No stored measurements.</translation>
    </message>
    <message>
        <source>Genberegn måling</source>
        <translation>Recompute measurement</translation>
    </message>
    <message>
        <source>Måling:</source>
        <translation>Measurement:</translation>
    </message>
    <message>
        <source>Gemt: %1 af %2 (%3). Genberegnet nu: %4 af %5 (%6).</source>
        <translation>Stored: %1 of %2 (%3). Recomputed now: %4 of %5 (%6).</translation>
    </message>
    <message>
        <source>Data bag målingen er ændret siden:</source>
        <translation>The data behind the measurement have changed since:</translation>
    </message>
    <message>
        <source>Data bag målingen er uændrede.</source>
        <translation>The data behind the measurement are unchanged.</translation>
    </message>
    <message>
        <source>Gem teamrapport</source>
        <translation>Save team report</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Navneliste</source>
        <translation>List with names</translation>
    </message>
    <message>
        <source>Rapporten er anonym. Skal en opfølgningsliste med navne med? Valget skrives i revisionsloggen.</source>
        <translation>The report is anonymous. Include a follow-up list with names? The choice is written to the audit log.</translation>
    </message>
    <message>
        <source>Liste:</source>
        <translation>List:</translation>
    </message>
    <message>
        <source>Laver rapporten …</source>
        <translation>Making the report …</translation>
    </message>
    <message>
        <source>Rapporten blev annulleret.</source>
        <translation>The report was cancelled.</translation>
    </message>
    <message>
        <source>Rapporten er gemt: %1</source>
        <translation>The report is saved: %1</translation>
    </message>
</context>
<context>
    <name>Passphrase</name>
    <message>
        <source>Ny krypteret database</source>
        <translation>New encrypted database</translation>
    </message>
    <message>
        <source>Krypteret database</source>
        <translation>Encrypted database</translation>
    </message>
    <message>
        <source>Databasen «%1» bliver krypteret, så ingen kan læse den uden adgangsfrasen, heller ikke hvis computeren bliver stjålet.

Vælg en adgangsfrase på mindst %2 tegn, gerne flere ord. Skriv den ned et sikkert sted: glemmer I den, kan data ikke gendannes.</source>
        <translation>The database “%1” will be encrypted, so nobody can read it without the passphrase, not even if the computer is stolen.

Choose a passphrase of at least %2 characters, preferably several words. Write it down somewhere safe: if you forget it, the data cannot be recovered.</translation>
    </message>
    <message>
        <source>Databasen «%1» er krypteret. Skriv adgangsfrasen for at åbne den.</source>
        <translation>The database “%1” is encrypted. Type the passphrase to open it.</translation>
    </message>
    <message>
        <source>Adgangsfrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Gentag adgangsfrasen</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <source>Vis adgangsfrasen</source>
        <translation>Show the passphrase</translation>
    </message>
    <message>
        <source>Husk adgangsfrasen på denne computer (i systemets nøglering)</source>
        <translation>Remember the passphrase on this computer (in the system keyring)</translation>
    </message>
    <message>
        <source>Uden kryptering (kun til en øvelses- eller demodatabase)</source>
        <translation>Without encryption (only for a training or demo database)</translation>
    </message>
    <message>
        <source>Adgangsfrase:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <source>Gentag:</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <source>Opret</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Åbn</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>For mange forkerte forsøg. Vent %1 sekunder, og prøv igen.</source>
        <translation>Too many wrong tries. Wait %1 seconds and try again.</translation>
    </message>
    <message>
        <source>Skriv adgangsfrasen.</source>
        <translation>Type the passphrase.</translation>
    </message>
    <message>
        <source>Adgangsfrasen er skiftet</source>
        <translation>The passphrase has been changed</translation>
    </message>
    <message>
        <source>Databasen bruger nu den nye adgangsfrase. Sikkerhedskopier fra før skiftet åbnes stadig med den gamle.</source>
        <translation>The database now uses the new passphrase. Backups from before the change still open with the old one.</translation>
    </message>
    <message>
        <source>Databasen er nu krypteret.</source>
        <translation>The database is now encrypted.</translation>
    </message>
    <message>
        <source>Der ligger stadig %1 ukrypterede sikkerhedskopier i mappen %2. Slet dem, når du har tjekket, at alt er i orden (eller lad dem rotere ud).</source>
        <translation>There are still %1 unencrypted backups in the folder %2. Delete them once you have checked that all is well (or let them rotate out).</translation>
    </message>
    <message>
        <source>Krypteret</source>
        <translation>Encrypted</translation>
    </message>
    <message>
        <source>Gem ukrypteret kopi</source>
        <translation>Save an unencrypted copy</translation>
    </message>
    <message>
        <source>Ukrypteret kopi gemt i %1. Den er ikke beskyttet: pas på den.</source>
        <translation>Unencrypted copy saved in %1. It is not protected: take care of it.</translation>
    </message>
</context>
<context>
    <name>PrintBatch</name>
    <message>
        <source>Gem dialogark som én PDF</source>
        <translation>Save dialogue sheets as one PDF</translation>
    </message>
    <message>
        <source>1 borger</source>
        <translation>1 citizen</translation>
    </message>
    <message>
        <source>%1 borgere</source>
        <translation>%1 citizens</translation>
    </message>
    <message>
        <source>Laver dialogark …</source>
        <translation>Making dialogue sheets …</translation>
    </message>
    <message>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Dialogark</source>
        <translation>Dialogue sheets</translation>
    </message>
    <message>
        <source>Laver dialogark %1 af %2 …</source>
        <translation>Making dialogue sheet %1 of %2 …</translation>
    </message>
    <message>
        <source>Kunne ikke lave dialogark</source>
        <translation>Could not make the dialogue sheets</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Dialogark — udskrift</source>
        <translation>Dialogue sheet — print</translation>
    </message>
    <message>
        <source>Blankt dialogark</source>
        <translation>Blank dialogue sheet</translation>
    </message>
    <message>
        <source>&amp;Hele siden</source>
        <translation>&amp;Whole page</translation>
    </message>
    <message>
        <source>Side&amp;bredde</source>
        <translation>Page &amp;width</translation>
    </message>
    <message>
        <source>Zoom ud</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Zoom ud (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom ind</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Zoom ind (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>Udskriv…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Gem som PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>Luk</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>1 side</source>
        <translation>1 page</translation>
    </message>
    <message>
        <source>%1 sider</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <source>Dialogarket kunne ikke vises.</source>
        <translation>The dialogue sheet could not be shown.</translation>
    </message>
    <message>
        <source>blankt</source>
        <translation>blank</translation>
    </message>
    <message>
        <source>Gem dialogark som PDF</source>
        <translation>Save dialogue sheet as PDF</translation>
    </message>
    <message>
        <source>Kunne ikke gemme</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <source>✓ Dialogarket er gemt som %1</source>
        <translation>✓ The dialogue sheet has been saved as %1</translation>
    </message>
    <message>
        <source>Trappe dialogark</source>
        <translation>Trappe dialogue sheet</translation>
    </message>
    <message>
        <source>Kunne ikke udskrive</source>
        <translation>Could not print</translation>
    </message>
</context>
<context>
    <name>ProgressChart</name>
    <message>
        <source>Progression over tid</source>
        <translation>Progression over time</translation>
    </message>
    <message>
        <source>Ingen placeringer endnu</source>
        <translation>No placements yet</translation>
    </message>
    <message>
        <source>Fagpersonernes placeringer (dato: trin): %1</source>
        <translation>The professionals&apos; placements (date: step): %1</translation>
    </message>
    <message>
        <source>Fagpersoner</source>
        <translation>Professionals</translation>
    </message>
    <message>
        <source>Borgerens egen</source>
        <translation>Citizen&apos;s own</translation>
    </message>
</context>
<context>
    <name>Retention</name>
    <message>
        <source>%1 borgere er slettet efter frist.</source>
        <translation>%1 citizens erased after the retention period.</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Sletning efter frist</source>
        <translation>Erasure after the retention period</translation>
    </message>
    <message>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Afsluttet</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Årsag</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Gemt til og med</source>
        <translation>Kept until</translation>
    </message>
    <message>
        <source>Før sletningen tages en sikkerhedskopi af databasen. De slettede borgere findes derefter kun i sikkerhedskopierne, indtil den sidste kopi med dem er udskiftet (højst %1 måneder).</source>
        <translation>Before erasing, the database is backed up. The erased citizens then exist only in the backups, until the last copy holding them has been replaced (at most %1 months).</translation>
    </message>
    <message>
        <source>Vælg &amp;alle</source>
        <translation>Select &amp;all</translation>
    </message>
    <message>
        <source>&amp;Fravælg alle</source>
        <translation>Select &amp;none</translation>
    </message>
    <message>
        <source>&amp;Slet valgte …</source>
        <translation>&amp;Erase selected …</translation>
    </message>
    <message>
        <source>Slettefristen er %1 år efter forløbets afslutning (Filer → Indstillinger → Kommune).</source>
        <translation>The retention period is %1 years after the course closed (File → Settings → Municipality).</translation>
    </message>
    <message>
        <source>I dag (%1) er ingen afsluttede forløb ud over fristen.</source>
        <translation>Today (%1) no closed course is past the period.</translation>
    </message>
    <message>
        <source>I dag (%1) er 1 borger ud over fristen.</source>
        <translation>Today (%1) 1 citizen is past the period.</translation>
    </message>
    <message>
        <source>I dag (%1) er %2 borgere ud over fristen.</source>
        <translation>Today (%1) %2 citizens are past the period.</translation>
    </message>
    <message>
        <source>%1 poster i revisionsloggen er ældre end fristen. De bliver talt sammen pr. måned ved sletningen, og de søgetekster, de rummer, slettes.</source>
        <translation>%1 audit log entries are older than the period. They are added up per month when erasing, and the search texts they hold are deleted.</translation>
    </message>
    <message>
        <source>Ingen poster i revisionsloggen er ældre end fristen.</source>
        <translation>No audit log entry is older than the period.</translation>
    </message>
    <message>
        <source>&amp;Slet 1 borger …</source>
        <translation>&amp;Erase 1 citizen …</translation>
    </message>
    <message>
        <source>&amp;Slet %1 borgere …</source>
        <translation>&amp;Erase %1 citizens …</translation>
    </message>
    <message>
        <source>&amp;Udtynd loggen …</source>
        <translation>&amp;Thin the log …</translation>
    </message>
    <message>
        <source>Slet 1 borger og alt om borgeren for altid?</source>
        <translation>Erase 1 citizen and everything about them for good?</translation>
    </message>
    <message>
        <source>Slet %1 borgere og alt om dem for altid?</source>
        <translation>Erase %1 citizens and everything about them for good?</translation>
    </message>
    <message>
        <source>Møder, placeringer, aftaler og notater slettes. Det kan ikke fortrydes. Der tages en sikkerhedskopi først.</source>
        <translation>Meetings, placements, agreements and notes are erased. This cannot be undone. A backup is made first.</translation>
    </message>
    <message>
        <source>Tæl de gamle poster i revisionsloggen sammen?</source>
        <translation>Add up the old audit log entries?</translation>
    </message>
    <message>
        <source>Intet er slettet</source>
        <translation>Nothing was erased</translation>
    </message>
    <message>
        <source>1 borger er slettet.</source>
        <translation>1 citizen was erased.</translation>
    </message>
    <message>
        <source>%1 borgere er slettet.</source>
        <translation>%1 citizens were erased.</translation>
    </message>
    <message>
        <source>%1 blev ikke slettet (genåbnet eller slettet i mellemtiden).</source>
        <translation>%1 were not erased (reopened or erased meanwhile).</translation>
    </message>
    <message>
        <source>%1 logposter er talt sammen.</source>
        <translation>%1 log entries were added up.</translation>
    </message>
    <message>
        <source>Sikkerhedskopi: %1</source>
        <translation>Backup: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Indstillinger</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&amp;Bruger</source>
        <translation>&amp;User</translation>
    </message>
    <message>
        <source>&amp;Kommune</source>
        <translation>&amp;Municipality</translation>
    </message>
    <message>
        <source>&amp;Trappe</source>
        <translation>&amp;Staircase</translation>
    </message>
    <message>
        <source>&amp;Målgrupper</source>
        <translation>&amp;Target groups</translation>
    </message>
    <message>
        <source>S&amp;amtaler</source>
        <translation>Meetin&amp;gs</translation>
    </message>
    <message>
        <source>Dit navn, som det skal stå i loggen</source>
        <translation>Your name, as it should appear in the log</translation>
    </message>
    <message>
        <source>Sproget skifter, næste gang Trappe startes.</source>
        <translation>The language changes the next time Trappe starts.</translation>
    </message>
    <message>
        <source>&amp;Navn:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Rolle:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>&amp;Sprog:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>Navn og rolle gemmes kun på denne computer og skrives i loggen ved hver ændring, du laver.</source>
        <translation>Name and role are stored on this computer only and are written to the log with every change you make.</translation>
    </message>
    <message>
        <source>F.eks. Nyborg Kommune</source>
        <translation>E.g. Nyborg Kommune</translation>
    </message>
    <message>
        <source>&amp;Vælg logo …</source>
        <translation>&amp;Choose logo …</translation>
    </message>
    <message>
        <source>&amp;Fjern logo</source>
        <translation>&amp;Remove logo</translation>
    </message>
    <message>
        <source>&amp;Kommunens navn:</source>
        <translation>&amp;Municipality name:</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>Logo:</translation>
    </message>
    <message>
        <source>Kommunens navn og logo står på dialogarket. De gemmes i databasen og gælder for alle, der bruger den.</source>
        <translation>The municipality&apos;s name and logo appear on the dialogue sheet. They are stored in the database and apply to everyone who uses it.</translation>
    </message>
    <message>
        <source> år efter afslutning</source>
        <translation> years after closing</translation>
    </message>
    <message>
        <source>&amp;Slettefrist:</source>
        <translation>&amp;Retention period:</translation>
    </message>
    <message>
        <source>Afsluttede forløb og revisionsloggen slettes, når fristen er gået (Borger → Sletning efter frist).</source>
        <translation>Closed courses and the audit log are erased when the period has passed (Citizen → Erasure after the retention period).</translation>
    </message>
    <message>
        <source>Genstart Trappe for at skifte sprog.</source>
        <translation>Restart Trappe to change the language.</translation>
    </message>
    <message>
        <source>Intet logo</source>
        <translation>No logo</translation>
    </message>
    <message>
        <source>Vælg kommunens logo</source>
        <translation>Choose the municipality&apos;s logo</translation>
    </message>
    <message>
        <source>Filen kunne ikke læses: %1</source>
        <translation>The file could not be read: %1</translation>
    </message>
</context>
<context>
    <name>SheetOps</name>
    <message>
        <source>Udskrift er ikke tilgængelig i denne version.</source>
        <translation>Printing is not available in this version.</translation>
    </message>
    <message>
        <source>Listen er tom; der er ingen dialogark at udskrive.</source>
        <translation>The list is empty; there are no dialogue sheets to print.</translation>
    </message>
    <message>
        <source>Mange dialogark</source>
        <translation>Many dialogue sheets</translation>
    </message>
    <message>
        <source>Listen har %1 borgere, så PDF-filen får mindst %1 sider.
Brug filtrene (f.eks. «Samtale i denne uge») for at vælge færre.

Vil du lave dialogark til alle %1?</source>
        <translation>The list has %1 citizens, so the PDF will have at least %1 pages.
Use the filters (e.g. «Meeting this week») to choose fewer.

Make dialogue sheets for all %1?</translation>
    </message>
</context>
<context>
    <name>StaffCombo</name>
    <message>
        <source>Vælg eller skriv et navn</source>
        <translation>Choose or type a name</translation>
    </message>
</context>
<context>
    <name>StaircaseEditor</name>
    <message>
        <source>Trappens trin</source>
        <translation>The staircase&apos;s steps</translation>
    </message>
    <message>
        <source>&amp;Nyt trin</source>
        <translation>&amp;New step</translation>
    </message>
    <message>
        <source>Flyt &amp;op</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <source>Flyt n&amp;ed</source>
        <translation>Move &amp;down</translation>
    </message>
    <message>
        <source>&amp;Udgå</source>
        <translation>&amp;Retire</translation>
    </message>
    <message>
        <source>S&amp;let</source>
        <translation>De&amp;lete</translation>
    </message>
    <message>
        <source>Flyt trinnet et trin højere op ad trappen</source>
        <translation>Move the step one place higher up the staircase</translation>
    </message>
    <message>
        <source>Flyt trinnet et trin længere ned ad trappen</source>
        <translation>Move the step one place further down the staircase</translation>
    </message>
    <message>
        <source>Et udgået trin kan ikke vælges mere, men historikken bevares</source>
        <translation>A retired step can no longer be chosen, but its history is kept</translation>
    </message>
    <message>
        <source>Kun trin, som ingen borger har stået på</source>
        <translation>Only steps no citizen has ever stood on</translation>
    </message>
    <message>
        <source>Gælder fra</source>
        <translation>Takes effect from</translation>
    </message>
    <message>
        <source>Ændringer gælder &amp;fra:</source>
        <translation>Changes take effect &amp;from:</translation>
    </message>
    <message>
        <source>Trinnene, øverste trin først:</source>
        <translation>The steps, top step first:</translation>
    </message>
    <message>
        <source>&amp;Gem trin</source>
        <translation>&amp;Save step</translation>
    </message>
    <message>
        <source>Trappens historik</source>
        <translation>The staircase&apos;s history</translation>
    </message>
    <message>
        <source>Ændringer af trappen:</source>
        <translation>Changes to the staircase:</translation>
    </message>
    <message>
        <source>%1 (udgået)</source>
        <translation>%1 (retired)</translation>
    </message>
    <message>
        <source>&amp;Genindsæt</source>
        <translation>R&amp;estore</translation>
    </message>
    <message>
        <source>Ret trin «%1»</source>
        <translation>Edit step «%1»</translation>
    </message>
    <message>
        <source>Ny fase</source>
        <translation>New phase</translation>
    </message>
    <message>
        <source>Fasens navn:</source>
        <translation>Phase name:</translation>
    </message>
    <message>
        <source>Ny fase «%1»</source>
        <translation>New phase «%1»</translation>
    </message>
    <message>
        <source>Omdøb fase</source>
        <translation>Rename phase</translation>
    </message>
    <message>
        <source>Omdøb fase «%1»</source>
        <translation>Rename phase «%1»</translation>
    </message>
    <message>
        <source>Nyt trin</source>
        <translation>New step</translation>
    </message>
    <message>
        <source>Flyt trin «%1»</source>
        <translation>Move step «%1»</translation>
    </message>
    <message>
        <source>Genindsæt trin «%1»</source>
        <translation>Restore step «%1»</translation>
    </message>
    <message>
        <source>Udgå trin «%1»</source>
        <translation>Retire step «%1»</translation>
    </message>
    <message>
        <source>Slet trinnet «%1»? Ingen borger har stået på det. Du kan fortryde det.</source>
        <translation>Delete the step «%1»? No citizen has stood on it. You can undo this.</translation>
    </message>
    <message>
        <source>Slet trin «%1»</source>
        <translation>Delete step «%1»</translation>
    </message>
    <message>
        <source>Slet trin</source>
        <translation>Delete step</translation>
    </message>
    <message>
        <source>Fortryd</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Gentag</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Fortryd: %1</source>
        <translation>Undo: %1</translation>
    </message>
    <message>
        <source>Gentag: %1</source>
        <translation>Redo: %1</translation>
    </message>
</context>
<context>
    <name>StaircaseWidget</name>
    <message>
        <source>Trappe</source>
        <translation>Trappe</translation>
    </message>
    <message>
        <source>Vælg en borger i listen for at se borgerens trappe.</source>
        <translation>Choose a citizen in the list to see their staircase.</translation>
    </message>
    <message>
        <source>Trappen har ingen trin endnu. Opret trinene under Indstillinger.</source>
        <translation>The staircase has no steps yet. Create them in Settings.</translation>
    </message>
    <message>
        <source>Ingen trappe</source>
        <translation>No staircase</translation>
    </message>
    <message>
        <source>Borgerens egen placering: %1.</source>
        <translation>The citizen&apos;s own placement: %1.</translation>
    </message>
    <message>
        <source>Mål: %1.</source>
        <translation>Goal: %1.</translation>
    </message>
    <message>
        <source>ikke placeret</source>
        <translation>not placed</translation>
    </message>
    <message>
        <source>ukendt trin</source>
        <translation>unknown step</translation>
    </message>
    <message>
        <source>trin %1 af %2: %3</source>
        <translation>step %1 of %2: %3</translation>
    </message>
    <message>
        <source>Ingen borger valgt. Trappen har %1 trin: %2.</source>
        <translation>No citizen selected. The staircase has %1 steps: %2.</translation>
    </message>
    <message>
        <source>Trappen for %1.</source>
        <translation>The staircase of %1.</translation>
    </message>
    <message>
        <source>Møde i gang.</source>
        <translation>Meeting in progress.</translation>
    </message>
    <message>
        <source>(siden %1)</source>
        <translation>(since %1)</translation>
    </message>
    <message>
        <source>Fagpersonernes placering: %1</source>
        <translation>Professionals&apos; placement: %1</translation>
    </message>
    <message>
        <source>Ved det tidligere møde: fagpersonerne %1, borgeren %2.</source>
        <translation>At the earlier meeting: the professionals %1, the citizen %2.</translation>
    </message>
    <message>
        <source>fagpersonerne</source>
        <translation>the professionals</translation>
    </message>
    <message>
        <source>borgeren</source>
        <translation>the citizen</translation>
    </message>
    <message>
        <source>Tidligere placeringer: %1.</source>
        <translation>Earlier placements: %1.</translation>
    </message>
    <message>
        <source>Valgt trin: %1. %2</source>
        <translation>Selected step: %1. %2</translation>
    </message>
    <message>
        <source>Piletasterne flytter: %1.</source>
        <translation>The arrow keys move: %1.</translation>
    </message>
    <message>
        <source>F, B og M skifter mellem fagpersonernes placering, borgerens egen placering og målet; Mellemrum skifter til den næste; Delete fjerner borgerens egen placering; Ctrl+Enter gemmer mødet.</source>
        <translation>F, B and M switch between the professionals&apos; placement, the citizen&apos;s own placement and the goal; Space switches to the next; Delete removes the citizen&apos;s own placement; Ctrl+Enter saves the meeting.</translation>
    </message>
    <message>
        <source>Venstre og højre pil vælger et trin; Enter flytter en placering dertil (i et nyt møde).</source>
        <translation>Left and right arrow choose a step; Enter moves a placement there (in a new meeting).</translation>
    </message>
    <message>
        <source>Flyt fagpersonernes placering hertil</source>
        <translation>Move the professionals&apos; placement here</translation>
    </message>
    <message>
        <source>Flyt borgerens egen placering hertil</source>
        <translation>Move the citizen&apos;s own placement here</translation>
    </message>
    <message>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>StepForm</name>
    <message>
        <source>Ny fase …</source>
        <translation>New phase …</translation>
    </message>
    <message>
        <source>Omdøb fase …</source>
        <translation>Rename phase …</translation>
    </message>
    <message>
        <source>&amp;Titel:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>&amp;Beskrivelse:</source>
        <translation>&amp;Description:</translation>
    </message>
    <message>
        <source>&amp;Farve:</source>
        <translation>&amp;Colour:</translation>
    </message>
    <message>
        <source>&amp;Kategori:</source>
        <translation>C&amp;ategory:</translation>
    </message>
    <message>
        <source>F&amp;ase:</source>
        <translation>&amp;Phase:</translation>
    </message>
    <message>
        <source>Trin i kategorien «Virksomhedsrettet indsats» eller «Ordinære timer» tæller med i andelen i virksomhedsrettet indsats.</source>
        <translation>Steps in the category “Company-oriented activity” or “Ordinary hours” count towards the share in company-oriented activity.</translation>
    </message>
    <message>
        <source>Hvad ændringen gør</source>
        <translation>What the change does</translation>
    </message>
    <message>
        <source>(ingen fase)</source>
        <translation>(no phase)</translation>
    </message>
    <message>
        <source>Farve %1</source>
        <translation>Colour %1</translation>
    </message>
    <message>
        <source>Vælg trinnets farve</source>
        <translation>Choose the step&apos;s colour</translation>
    </message>
</context>
<context>
    <name>TargetDialog</name>
    <message>
        <source>Resultatmål</source>
        <translation>Result targets</translation>
    </message>
    <message>
        <source>Alle borgere</source>
        <translation>All citizens</translation>
    </message>
    <message>
        <source> procentpoint</source>
        <translation> percentage points</translation>
    </message>
    <message>
        <source>&amp;Målgruppe:</source>
        <translation>&amp;Target group:</translation>
    </message>
    <message>
        <source>Æ&amp;ndring:</source>
        <translation>C&amp;hange:</translation>
    </message>
    <message>
        <source>&amp;Baseline:</source>
        <translation>&amp;Baseline:</translation>
    </message>
    <message>
        <source>&amp;Frist:</source>
        <translation>&amp;Due:</translation>
    </message>
    <message>
        <source>Me&amp;tode:</source>
        <translation>Me&amp;thod:</translation>
    </message>
</context>
<context>
    <name>TargetGroupEditor</name>
    <message>
        <source>Målgrupper</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <source>Målgruppens navn</source>
        <translation>The target group&apos;s name</translation>
    </message>
    <message>
        <source>&amp;Navn:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Tilføj</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>&amp;Omdøb</source>
        <translation>Re&amp;name</translation>
    </message>
    <message>
        <source>Flyt &amp;op</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <source>Flyt n&amp;ed</source>
        <translation>Move &amp;down</translation>
    </message>
    <message>
        <source>&amp;Udgå</source>
        <translation>&amp;Retire</translation>
    </message>
    <message>
        <source>Tilføj en ny målgruppe med navnet i feltet</source>
        <translation>Add a new target group with the name in the field</translation>
    </message>
    <message>
        <source>Giv den valgte målgruppe navnet i feltet</source>
        <translation>Give the selected target group the name in the field</translation>
    </message>
    <message>
        <source>En udgået målgruppe kan ikke vælges til nye borgere; borgere i den beholder den.</source>
        <translation>A retired target group cannot be chosen for new citizens; citizens in it keep it.</translation>
    </message>
    <message>
        <source>%1 (udgået)</source>
        <translation>%1 (retired)</translation>
    </message>
    <message>
        <source>&amp;Genindsæt</source>
        <translation>R&amp;estore</translation>
    </message>
    <message>
        <source>Ny målgruppe «%1»</source>
        <translation>New target group «%1»</translation>
    </message>
    <message>
        <source>Omdøb målgruppe «%1»</source>
        <translation>Rename target group «%1»</translation>
    </message>
    <message>
        <source>Flyt målgruppe «%1»</source>
        <translation>Move target group «%1»</translation>
    </message>
    <message>
        <source>Genindsæt målgruppe «%1»</source>
        <translation>Restore target group «%1»</translation>
    </message>
    <message>
        <source>Udgå målgruppe «%1»</source>
        <translation>Retire target group «%1»</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Kurve: andel i virksomhedsrettet indsats pr. måned</source>
        <translation>Line chart: share in company-oriented activity per month</translation>
    </message>
    <message>
        <source>Tallene står i tabellen ved siden af</source>
        <translation>The figures are in the table beside it</translation>
    </message>
    <message>
        <source>For få datoer</source>
        <translation>Too few dates</translation>
    </message>
</context>
<context>
    <name>WelcomeWizard</name>
    <message>
        <source>Velkommen til Trappe</source>
        <translation>Welcome to Trappe</translation>
    </message>
    <message>
        <source>&amp;Næste &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Tilbage</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Kom i gang</source>
        <translation>&amp;Get started</translation>
    </message>
    <message>
        <source>&amp;Spring over</source>
        <translation>&amp;Skip</translation>
    </message>
</context>
<context>
    <name>WhoPage</name>
    <message>
        <source>Velkommen til Trappe</source>
        <translation>Welcome to Trappe</translation>
    </message>
    <message>
        <source>Trappe er trappemodellen på skærm og papir: hvor står borgeren, og hvor går næste skridt hen? Først lidt om dig.</source>
        <translation>Trappe is the staircase model on screen and paper: where does the citizen stand, and where does the next step go? First a little about you.</translation>
    </message>
    <message>
        <source>F.eks. Mette Sørensen</source>
        <translation>E.g. Mette Sørensen</translation>
    </message>
    <message>
        <source>Dit &amp;navn:</source>
        <translation>Your &amp;name:</translation>
    </message>
    <message>
        <source>Din &amp;rolle:</source>
        <translation>Your &amp;role:</translation>
    </message>
    <message>
        <source>Navnet og rollen skrives i loggen over ændringer og på dialogarket. Du kan rette dem senere under Filer → Indstillinger.</source>
        <translation>Your name and role go into the log of changes and onto the dialogue sheet. You can change them later under File → Settings.</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>Værktøjslinje</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>Flere knapper</source>
        <translation>More buttons</translation>
    </message>
    <message>
        <source>&amp;Fortryd %1</source>
        <translation>&amp;Undo %1</translation>
    </message>
    <message>
        <source>&amp;Fortryd</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>Fortryd</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>&amp;Gentag %1</source>
        <translation>&amp;Redo %1</translation>
    </message>
    <message>
        <source>&amp;Gentag</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>Gentag</source>
        <translation>Redo</translation>
    </message>
</context>
<context>
    <name>WindowLayout</name>
    <message>
        <source>Trappen er vist.</source>
        <translation>The staircase is shown.</translation>
    </message>
    <message>
        <source>Trappen er skjult.</source>
        <translation>The staircase is hidden.</translation>
    </message>
</context>
</TS>
