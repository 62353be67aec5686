from sciatica_coach.cli import main

main()
