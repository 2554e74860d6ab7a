"""diplokg.viz"""
