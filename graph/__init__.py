"""diplokg.graph"""
