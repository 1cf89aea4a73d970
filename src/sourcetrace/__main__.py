from sourcetrace.cli import app

app(prog_name="sourcetrace")
