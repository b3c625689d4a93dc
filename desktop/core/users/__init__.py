"""Users and their roles: who approves, who exports, whose clients a manager sees."""
