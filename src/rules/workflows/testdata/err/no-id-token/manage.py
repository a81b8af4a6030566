# Rock of Ages API
