param location string = 'westeurope'

@secure()
param vmPassword string

@secure()
param apiKey string

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'stgpass'
}

resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'vm-pass'
  location: location
  properties: {
    osProfile: {
      computerName: 'vm-pass'
      adminUsername: 'azureuser'
      adminPassword: vmPassword
    }
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-pass'
  location: location
  properties: {
    siteConfig: {
      appSettings: [
        {
          name: 'STORAGE'
          value: 'DefaultEndpointsProtocol=https;AccountName=${stg.name};AccountKey=${stg.listKeys().keys[0].value}'
        }
        {
          name: 'STORAGE_IDENTITY'
          value: 'BlobEndpoint=https://stgpass.blob.core.windows.net/'
        }
        {
          name: 'DB_TEMPLATE'
          value: 'Server=tcp:sql.database.windows.net;Database=db;Authentication=Active Directory Default;Password={0};'
        }
        {
          name: 'BLOB_URL'
          value: 'https://stgpass.blob.core.windows.net/c?sv=2022-11-02&comp=list'
        }
      ]
    }
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  name: 'kv-pass/api-key'
  properties: {
    value: apiKey
  }
}
