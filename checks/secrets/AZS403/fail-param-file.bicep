param location string = 'westeurope'
param adminPassword string

resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'vm-paramfile'
  location: location
  properties: {
    osProfile: {
      computerName: 'vm-paramfile'
      adminUsername: 'azureuser'
      adminPassword: adminPassword
    }
  }
}
