# %%
df = pd.read_csv("advertising.csv")
X_train, X_test, y_train, y_test = train_test_split(df[["TV", "radio"]], df["sales"], random_state=1)
lm = LinearRegression().fit(X_train, y_train)
y_fit = lm.predict(X_train)
print(f"R^2 = {r2_score(y_train, y_fit):.3f}, RMSE = {np.sqrt(mean_squared_error(y_train, y_fit)):.2f}")
