"""Python companions of bnlab (PyTorch side)."""
