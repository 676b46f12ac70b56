from infuseprep.cli import main

main()
