/** AWS IAM name and path rules, shared by the request DTOs. */
export const IAM_NAME_PATTERN = /^[\w+=,.@-]+$/;
export const IAM_PATH_PATTERN = /^\/$|^\/[\u0021-\u007E]+\/$/;
export const IAM_NAME_MESSAGE = '$property must match [\\w+=,.@-]+';
export const IAM_PATH_MESSAGE = '$property must be "/" or begin and end with "/"';
