// Safe by default; the parameter file lowers it.
param minTls string = 'TLS1_2'

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stgparamfail'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: minTls
  }
}
