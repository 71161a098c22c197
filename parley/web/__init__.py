"""Server-rendered web pages (Jinja2, autoescaped) plus small scripts; vendored
Cytoscape.js and D3 in ``static/vendor`` (with their licences), no external requests."""
