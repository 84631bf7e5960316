"""Public works: programs, works, their funding, progress, contracts and aid."""
