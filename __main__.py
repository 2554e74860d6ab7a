from diplokg.cli import main

raise SystemExit(main())
