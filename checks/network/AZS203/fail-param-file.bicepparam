using './fail-param-file.bicep'

param allowedSource = '*'
param ports = [
  '80'
  '1-65535'
]
