"""diplokg.ingest"""
