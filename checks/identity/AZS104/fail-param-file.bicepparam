using './fail-param-file.bicep'

param actions = [
  '*'
]
