"""diplokg.api"""
