"""Ways of showing checklists and progress: one module for each kind of output."""
