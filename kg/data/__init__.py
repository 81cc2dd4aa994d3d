"""Data files: lexicon, discovery word lists, relation patterns."""
