export declare const litOxc: {
  decorator: { legacy: boolean };
  typescript: { removeClassFieldsWithoutInitializer: boolean };
  assumptions: { setPublicClassFields: boolean };
};
export declare const sourceConditions: string[];
