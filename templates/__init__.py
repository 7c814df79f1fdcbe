"""Jinja2 templates of the site and the posters, installed as the package data `generator.templates`."""
