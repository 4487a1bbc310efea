"""Whole-site steps: what is done to the written site folder once the pages are built."""
