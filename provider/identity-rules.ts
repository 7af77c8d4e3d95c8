/**
 * The names that identify a hub in Azure, checked the same way for hubs and the consumer groups that name their hub.
 */

/** Resource.name pattern in both swaggers: 3–50 letters, digits, hyphens; not all digits; no hyphen at either end. */
export const HUB_NAME_PATTERN = /^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{2,49}[a-zA-Z0-9]$/;
export const HUB_NAME_RULE = "must be 3-50 letters, digits or hyphens, not all digits, not starting or ending with a hyphen";

/** Azure resource group names: 1–90 characters of letters, digits, underscores, hyphens, periods, parentheses; not ending in a period. */
export const RESOURCE_GROUP_PATTERN = /^[-\w._()]{0,89}[-\w_()]$/;

/** Subscription ids are GUIDs. */
export const SUBSCRIPTION_ID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
