# The web role's app: its presence marks the build folder (the checks read only the Dockerfile and the compose file).
