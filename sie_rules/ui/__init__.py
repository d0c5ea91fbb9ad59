"""The Streamlit app's pages and building blocks (app.py wires them together)."""
