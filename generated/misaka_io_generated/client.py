"""No client lives here: the overlay package (misaka_io) sends every request.

misaka-io's template replaces the generator's client; the endpoint modules only build
requests (see types.Request) and declare their answers (types.Operation).
"""
