"""Pieces every feature uses and none owns: periods, files, money, labels, identifiers, names, numbering, events, exports. Imports no feature."""
