using './fail-param-file.bicep'

param disableLocalAuth = false
