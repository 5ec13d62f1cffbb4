"""The rules the explanations follow, each from the serving engine's own facts, in one place:
why a model failed (`causes`), what a finding is (`finding`), the findings on a
configuration (`configuration`, with the hardware rules in `hardware`), the engine's
hardware facts and a model's sizing (`sizing`), and what a model holds in reserve
(`reserve`). Callers outside `sgp.present` import the public names from `sgp.present`."""
