"""The API layer of SGP Model Inspector: a typed, safe client for the Scale GenAI Platform.

Usable without Streamlit, from a notebook or a script:

    from sgp.client import SGPClient
    model = SGPClient.from_env().get_model("my-model-id")
"""

__version__ = "0.1.0"
APP_NAME = "sgp-model-inspector"
