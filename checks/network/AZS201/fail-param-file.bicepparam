using './fail-param-file.bicep'

param access = 'Enabled'
