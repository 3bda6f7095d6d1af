using './fail-param-file.bicep'

param minTls = 'TLS1_0'
