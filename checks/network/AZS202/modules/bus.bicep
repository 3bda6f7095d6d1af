param name string

resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}

resource hub 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: '${name}-hub'
  location: 'westeurope'
  sku: {
    name: 'Standard'
  }
}
