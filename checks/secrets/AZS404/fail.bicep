@secure()
param adminPassword string

param storageName string = 'stgfail'

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageName
}

var sqlConnection = 'Server=tcp:sql.database.windows.net;Database=db;User ID=app;Password=${adminPassword};'

output password string = adminPassword
output connection string = sqlConnection
output storageKey string = stg.listKeys().keys[0].value
output keys object = {
  primary: stg.listKeys().keys[0].value
}
output literalConnection string = 'DefaultEndpointsProtocol=https;AccountName=stgfail;AccountKey=bXlrZXk='
