using './fail-param-file.bicep'

param identityType = 'None'
