"""What the browser tests watch for in every page they open."""


def is_csp_violation(message):
    """A console message saying the Content-Security-Policy blocked something."""
    return message.type == "error" and "Content Security Policy" in message.text
