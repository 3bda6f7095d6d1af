using './main.bicep'

param appName = 'contoso'
param sqlAdminPassword = readEnvironmentVariable('SQL_ADMIN_PASSWORD', '')
param opsPrincipalId = '00000000-0000-0000-0000-000000000001'
