import PMCModel
