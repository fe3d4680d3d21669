from trappe.cli import main

raise SystemExit(main())
