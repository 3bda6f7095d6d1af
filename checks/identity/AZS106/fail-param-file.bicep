param disableLocalAuth bool = true

resource appcs 'Microsoft.AppConfiguration/configurationStores@2023-03-01' = {
  name: 'appcs-param-file'
  location: 'westeurope'
  sku: {
    name: 'standard'
  }
  properties: {
    disableLocalAuth: disableLocalAuth
  }
}
