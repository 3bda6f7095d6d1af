param location string = 'westeurope'
param vmPassword string = 'Sup3rS3cret!'

var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=stgfail;AccountKey=bXlrZXk=;EndpointSuffix=core.windows.net'

resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'vm-fail'
  location: location
  properties: {
    osProfile: {
      computerName: 'vm-fail'
      adminUsername: 'azureuser'
      adminPassword: vmPassword
    }
  }
}

resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-fail'
  location: location
  properties: {
    administratorLogin: 'sqladmin'
    administratorLoginPassword: 'P@ssw0rd1234!'
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-fail'
  location: location
  properties: {
    siteConfig: {
      appSettings: [
        {
          name: 'STORAGE'
          value: storageConnection
        }
        {
          name: 'BLOB_SAS_URL'
          value: 'https://stgfail.blob.core.windows.net/c?sv=2022-11-02&sp=r&se=2030-01-01T00:00:00Z&sig=YWJj%3D'
        }
      ]
      connectionStrings: [
        {
          name: 'Db'
          connectionString: 'Server=tcp:sql-fail.database.windows.net;Database=db;User ID=app;Password=Pa55word;'
          type: 'SQLAzure'
        }
      ]
    }
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  name: 'kv-fail/api-key'
  properties: {
    value: 'abc123'
  }
}
