using './pass-param-file.bicep'

param administratorLogin = 'prod-sql-owner'
