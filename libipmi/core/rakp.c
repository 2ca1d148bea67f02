/* rakp.c - placeholder until implemented */
typedef int ipmi_placeholder_rakp;
