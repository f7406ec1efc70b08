// Loaded before decap-cms.js: Decap starts only when casebook-cms.js has registered the casebook-yaml
// format and the previews (else it could read the configuration before the format exists).
window.CMS_MANUAL_INIT = true;
