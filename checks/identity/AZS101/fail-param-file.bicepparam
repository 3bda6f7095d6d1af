using './fail-param-file.bicep'

param entraOnly = false
