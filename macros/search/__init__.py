"""The search index made at build time: Material's tokenizer and lunr's index builder, in Python."""
