"""What the set-up needs from the machine, found in one place for the Makefile, the tests and the benchmark."""
