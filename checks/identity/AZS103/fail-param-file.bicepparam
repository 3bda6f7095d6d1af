using './fail-param-file.bicep'

param roleId = 'b24988ac-6180-42a0-ab88-20f7382dd24c'
