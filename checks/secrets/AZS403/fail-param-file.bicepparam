using './fail-param-file.bicep'

param adminPassword = 'FromTheParamFile1!'
