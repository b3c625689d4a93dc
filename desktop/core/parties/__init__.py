"""Own legal entities and counterparties: cards with requisites checked and history kept."""
