export { renderCallScript, type CallScript } from './callScript';
export { registerCallScriptRoute, callScriptHeaders } from './route';
